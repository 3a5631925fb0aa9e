# The image the components' jobs run by default (registry.gitlab.com/ff-rollout/ff-rollout:<version>),
# built by the release pipeline from the tagged commit (npm run release:image). The CLI is one
# bundle (dist/, every dependency inside, fixed at build time from package-lock.json), so a job
# runs exactly the reviewed bytes: nothing is resolved or downloaded when someone presses play.
#
# Node.js 24, the current LTS, on Alpine (a small image with the POSIX shell GitLab Runner needs);
# the CLI itself still runs on Node.js 20.19 and later (package.json's engines), for a clone or an
# image of your own. The base is pinned by digest: the digest node:24.11.0-alpine3.22 had when
# the public repository actions-rs-plus/clippy-check pinned it (its Dockerfile at commit
# d28063e6e44461aa33f6d456a1d65e257d84fdfc). `npm run release:image -- pin` moves both FROM lines
# to the tag's current digest (it needs skopeo and registry access); commit that change.

FROM docker.io/library/node:24.11.0-alpine3.22@sha256:d2062677e6d878d3943bd6dd7e9790e22133d69bec957e43b0ab9f350d195968 AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY scripts ./scripts
COPY src ./src
# The sandbox and the demo stay out of the image (scripts/image-dist.ts).
RUN node scripts/build.mjs --cli-only && npx tsx scripts/image-dist.ts dist

FROM docker.io/library/node:24.11.0-alpine3.22@sha256:d2062677e6d878d3943bd6dd7e9790e22133d69bec957e43b0ab9f350d195968
# Set by scripts/image.ts from the tag, the commit and the build time.
ARG VERSION=unreleased
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="ff-rollout" \
  org.opencontainers.image.description="The ff-rollout CLI that the ff-rollout CI/CD components' jobs run: GitLab feature flag rollouts phase by phase." \
  org.opencontainers.image.licenses="MIT" \
  org.opencontainers.image.vendor="the ff-rollout authors" \
  org.opencontainers.image.source="https://gitlab.com/ff-rollout/ff-rollout" \
  org.opencontainers.image.documentation="https://gitlab.com/ff-rollout/ff-rollout#readme" \
  org.opencontainers.image.version="${VERSION}" \
  org.opencontainers.image.revision="${REVISION}" \
  org.opencontainers.image.created="${CREATED}"
WORKDIR /opt/ff-rollout
ENV NODE_ENV=production
# package.json only for "type": "module": the bundle has no run-time dependencies to install.
COPY package.json ./
COPY --from=build /build/dist ./dist
RUN chmod +x dist/cli.js && ln -s /opt/ff-rollout/dist/cli.js /usr/local/bin/ff-rollout \
  && ff-rollout --version
# No ENTRYPOINT: GitLab Runner starts the image's shell and runs the job's script in it. The job
# runs as the image's unprivileged `node` user (uid 1000): the Runner makes the checkout writable
# for it (umask 0000 by default; with FF_DISABLE_UMASK_FOR_DOCKER_EXECUTOR it gives the checkout
# to the image's user instead), so the jobs can write their reports there.
USER node

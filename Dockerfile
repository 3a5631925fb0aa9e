# The image the components' jobs run by default (registry.gitlab.com/ff-rollout/ff-rollout:<version>),
# built by the release pipeline from the tagged commit. The CLI is one bundle (dist/, every
# dependency inside, fixed at build time from package-lock.json), so a job runs exactly the
# reviewed bytes: nothing is resolved or downloaded when someone presses play.

FROM node:20-bookworm-slim AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY scripts ./scripts
COPY src ./src
RUN node scripts/build.mjs --cli-only

# Alpine: a small image with the POSIX shell GitLab Runner needs.
FROM node:20-alpine
WORKDIR /opt/ff-rollout
ENV NODE_ENV=production
# package.json only for "type": "module": the bundle has no run-time dependencies to install.
COPY package.json ./
COPY --from=build /build/dist ./dist
RUN chmod +x dist/cli.js && ln -s /opt/ff-rollout/dist/cli.js /usr/local/bin/ff-rollout \
  && ff-rollout --version
# No ENTRYPOINT and the default (root) user: GitLab Runner starts the image's shell and runs the
# job's script in it, in the checkout it made, where the jobs write their reports.

// Help texts, one per command. Kept apart from the parser so `--help` loads nothing else.

export const MAIN_HELP = `ff-rollout: roll a GitLab feature flag out phase by phase

Usage: ff-rollout <command> [options]

Commands:
  status                 the flag on every instance and the rollout issue's progress
  run <phase>            run one phase of the rollout (ff-rollout run --help lists them)
  release-check <mr-url> <milestone>
                         is the merge request in the milestone's release? (exit 1: not yet)
  readiness [--all]      scheduled check: can every flag in rollout still be rolled back?
  watch                  after a production step: the health checks through the soak; a breach
                         rolls production back (exit 1)
  advance                scheduled: the next production step once the soak is over, every health
                         check was green over it and no incident is open (config auto_advance);
                         the second press of a release or cleanup a person started
                         (config finish_by_schedule)
  sandbox                serve a local GitLab API sandbox (for trying things out)
  demo                   a whole rollout on the embedded sandbox, no GitLab account needed

Options of status, run, readiness, watch, advance and release-check:
  --config PATH          config file (default: FF_ROLLOUT_CONFIG, else .gitlab/ff-rollout.yml
                         here or in the nearest folder above, up to the repository's root)
  --json                 print one JSON result on stdout on every exit, done, refused or failed
                         (schemaVersion, outcome, reasons with their kind, changes); the story
                         goes to stderr
Options of every command:
  --help                 help for a command: ff-rollout run --help
  --version              the version
An option a command does not take is refused (exit 2), with the closest one it does take.

Exit codes: 0 done or nothing to do, 1 refused by a check, 2 bad input or config,
3 GitLab/API failure. Set FF_ROLLOUT_DEBUG=1 for request-level logs (tokens are never printed).
`;

export const COMMAND_HELP: Record<string, string> = {
  status: `Usage: ff-rollout status [--report PATH] [--config PATH] [--json]

Reads the flag on every configured instance and the rollout issue, and prints both: the state
per instance, the checklist's progress, what waits for a phase and what waits for a person.
--report PATH also writes it as JSON to that file (the component's status job keeps it as an
artifact). Changes nothing.
Exit code 3 when an instance or the issue could not be read (the others are still shown).
`,
  run: `Usage: ff-rollout run <phase> [--dry-run] [--force --reason TEXT] [--config PATH] [--json]

Phases:
  non-production   set the flag true on every instance of tier non-production
                   (--percentage N: the optional step before, N% of actors or of time there)
  production-actors  enable it on production for the configured actors
  prepare          milestone, change issue, the feature issue told when to expect it
  rollout          the next percentage on production (--percentage N for a given step)
  global           set it true on production, for everyone
  release          optional: open an MR setting default_enabled: true in the definition
                   (refused for flag types GitLab keeps off by default, e.g. gitlab_com_derisk);
                   a re-run reports that MR and, once merged, checks it is in the release
  cleanup          open the cleanup MR (definition deleted, code references listed for a
                   person); once it is merged and deployed to production, delete the flag on
                   every instance and close the feature and rollout issues
  rollback         set it false on production first, then (--everywhere: every instance;
                   --environment NAME, repeatable: those instances only) the others at once,
                   past failures. Needs only each instance's Features API; the rollout issue is
                   updated after, best effort. Exit 3's first line says where the flag is off.

Options:
  --dry-run        print the plan; send no write request (also FF_ROLLOUT_DRY_RUN=true)
  --force          override a refusal; needs --reason, and the note records both
                   (FF_ROLLOUT_FORCE_REASON=TEXT does both, as the component's jobs use it)
  --reason TEXT    why (recorded in the audit note); --reason=TEXT works too, and the word
                   after --reason is always its value, even when it starts with "-". Without
                   it: FF_ROLLOUT_REASON

Refusals (exit 1) come in two kinds, and each refusal line says which:
  [not now]  a wait or a judgement: the soak time, the order of phases, drift, checklist items a
             person must do, a merge request not yet merged or deployed, a red health check.
             --force --reason "..." overrides it; the audit note records the reason.
  [never]    GitLab forbids the action (e.g. default_enabled: true on a gitlab_com_derisk flag),
             the flag is not in the state the action needs (release while it is not fully on in
             production), or the flag or an actor is unknown. Nothing overrides it.

Each run reads the live state first: a phase that already happened changes nothing and says so.
On success it posts one audit note on the rollout issue and ticks the checklist items it did.
`,
  watch: `Usage: ff-rollout watch [--config PATH] [--json]

Runs right after a production step (the component's watch job, or the step's own job). Until the
soak after the last production change is over, evaluates the configured health checks (health: in
the config) every health.interval_seconds. The first red check rolls production back at once, as
run rollback does, with the breach as the reason, and exits 1 with the figures. A check that
cannot be answered is not a breach, but the job exits 1 at the end: the soak was not proven green.
Without health: in the config, or when no soak is running, there is nothing to watch (exit 0).
`,
  advance: `Usage: ff-rollout advance [--dry-run] [--config PATH] [--json]

The scheduled step (run it from a pipeline schedule: the component's advance job). Moves the flag
to its next production step, the next of percentages and after the last one global, when all
of these hold:
  - auto_advance in the config allows it: off (the default) never; global: every step and global;
    a percentage: the steps up to it, then a person takes over;
  - a person has run non-production, production-actors and prepare (advance never runs them);
  - no rollback was recorded after the last production step (after one, a person decides);
  - the soak after the last production change (soak_minutes) is over;
  - every health check (health: in the config, required) was green at every point of the soak
    window, up to now, and no incident is open (incidents: in the config).
The step is an ordinary run of rollout --percentage N or global (its own checks, the lease, the
audit note, the checklist ticks, notifications), marked "by schedule" in the notes. It never
forces: anything short of a clear yes is reported and it waits for the next schedule.

With finish_by_schedule: true it also finishes a release or cleanup a person started (a person's
run that opened its merge request): once that MR is merged and in the release (release) or merged,
deployed to production and no code reads the flag (cleanup), it runs the phase as the person's
second press would, with the same checks, marked "by schedule". It never opens a merge request,
finishes nothing after a rollback, and runs at most one phase per schedule, release first. Once the
cleanup deleted the flag everywhere, it says nothing is left. Neither auto_advance nor health: is
needed for this.

  --dry-run        say what it would do and print the step's plan; write nothing
                   (also FF_ROLLOUT_DRY_RUN=true)

Exit codes: 0 stepped or finished, or nothing to do yet (the reasons say why, each "not now", or
"never" for a rollback a person must answer), 1 a "never" refusal of the step or finishing run
itself, 2 bad input or config, 3 GitLab/API failure.
`,
  readiness: `Usage: ff-rollout readiness [--all] [--junit PATH] [--report PATH] [--config PATH] [--json]

Proves that each flag in rollout could be rolled back now, and reports what drifted or went
stale. Checks per flag: every instance answers; its token is valid, an administrator's, has api
scope and does not expire within readiness.token_expiry_warning_days; the flag is known on
each instance; the rollback (set false on production) can be planned; the live state equals
the last state the audit notes recorded; the flag is not fully on for longer than
readiness.stale_after_days without a cleanup MR; the rollout issue is open and its milestone
not past due. Ticks the "wait at least one day" item once the flag has been fully on for 24 h.

  --all            every open rollout issue labelled readiness.label in readiness.project or
                   readiness.group (default: "feature flag" in the definition project)

Keeps one readiness note per rollout issue, edited only when a verdict changes. Writes a JUnit
report (ff-rollout-readiness.xml, --junit PATH) and a JSON report (ff-rollout-readiness.json).
Exit code 1 when any flag is not ready, 0 otherwise (warnings included).
`,
  "release-check": `Usage: ff-rollout release-check <merge-request-url> <milestone> [--config PATH] [--json]

What \`/chatops run release check <mr> <milestone>\` answers: is the merge request's commit (its
merge, squash or head commit) in the release of the milestone? Asks GitLab which tags and
branches contain the commit and looks for the milestone's release refs, by the patterns in
release_check (defaults fit GitLab's own: for 19.6, tags v19.6.<patch>-ee and the stable branch
19-6-stable-ee). A tag means it was released; the stable branch, that it is in the release being
prepared. The merge request must be on the issues instance.

Exit codes: 0 included (the tag or branch is printed), 1 not yet (not merged, or no release ref
contains it: an answer, not an error), 2 bad input, 3 GitLab/API failure.
`,
  sandbox: `Usage: ff-rollout sandbox [--port N] [--seed FILE]

Serves a local GitLab API sandbox on 127.0.0.1 with several instances (each at /<name>), seeded
from FILE (YAML or JSON) or with the demo's instances dev, staging and production. Prints the
instance URLs and the variables to export; stops on Ctrl-C.
`,
  demo: `Usage: ff-rollout demo

Starts the embedded sandbox with dev, staging and production instances, a flag and a rollout
issue, then plays the flag's whole life as CI jobs would: every phase from non-production to
global (one refused for its soak time), release and the release check, cleanup (refused until
its MR is merged and deployed; the merge and the deployment are done in the sandbox and said
so), and status at the end, telling the story as it goes. Needs no GitLab account and no network.
`,
};

// What the benchmarks drive in-process, bundled by scripts/build.mjs into build/bench-kit.js with
// the same options as the CLI, so they measure the code that ships.

export { classifyItems, itemsToTick, parseTaskList, setChecked } from "../src/checklist/index.js";
export { demoConfig } from "../src/demo/config.js";
export { demoMatchContext } from "../src/demo/happenings.js";
export { DEMO_FLAG, DEMO_ISSUE_IID, DEMO_PROJECT } from "../src/demo/names.js";
export { runDemo } from "../src/demo/run-story.js";
export { demoSeed, demoTokens } from "../src/demo/seed.js";
export { tickChecklist } from "../src/engine/tick-checklist.js";
export { main } from "../src/main.js";
export { renderNote } from "../src/report/note.js";
export { Redactor } from "../src/report/redact.js";
export { startSandbox } from "../src/sandbox/index.js";

// The scenario engine's public API: load, list, step through (dashboard), run (CLI, CI) and report.
export type { Scenario, ScenarioStep, Step, StepKind, UseCaseRef, Priority, UseCaseList, TargetRole } from './types.js';
export { loadScenario, listScenarios, listScenarioFiles, parseScenarioText, scenarioFingerprint } from './load-scenario.js';
export { parseScenario, ScenarioFormatError } from './parse-scenario.js';
export { createScenarioSession, type ScenarioSession, type SessionState, type SessionOptions } from './session.js';
export { referenceDriverUrl, type ScenarioTarget, type StepResult, type StepStatus } from './step-context.js';
export { createSandboxClient, journalGap, SandboxApiError, type SandboxClient } from './sandbox-client.js';
export { runScenario, runScenarios, type RunReport, type ScenarioResult, type RunOptions } from './run-scenarios.js';
export { renderJUnit } from './reports/junit.js';
export { renderMarkdown } from './reports/markdown.js';
export { formatStepLog, formatStepLine } from './reports/step-log.js';
export { SEND_TABLE } from './steps/index.js';
export { maskVolatile } from './mask.js';
export { diffJson } from './diff.js';
export { recordSession, NothingToRecordError, type Recording, type RecordOptions } from './record/record-session.js';

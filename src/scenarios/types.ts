// The scenario format: what a YAML scenario file holds once parsed and validated (mirrors scenarios/schema.json).

/** DRO / registry priority of a use case, as the seeds spell it. */
export type Priority = 'Required' | 'Strongly recommended' | 'Desirable';

/** Which seed list a use case comes from. */
export type UseCaseList = 'sender' | 'receiver' | 'general' | 'distribution' | 'maintain' | 'batch' | 'query' | 'hcim';

/** A use case covered by a scenario, by its name in the seed (003, 004 or 000/HCIM operations). */
export interface UseCaseRef {
  name: string;
  list: UseCaseList;
  priority: Priority;
}

/** The role the system under test plays. */
export type TargetRole = 'sender' | 'receiver' | 'general' | 'subscriber' | 'registry-client';

/** `${name}` placeholders are replaced by captures and variables before a step runs. */
export type Template = unknown;

/** Sandbox pushes a message to the target, as Ocean, PLR or HCIM, through the system's admin API. */
export interface SendStep {
  kind: 'send';
  /** Which simulated system acts. */
  as: 'ocean' | 'plr' | 'hcim';
  /** A message name from the send table (e.g. `add-service-request`, `revoke-service-request`, `distribution`). */
  message: string;
  with: Record<string, Template>;
  capture: Record<string, string>;
}

/** Waits on the simulated clock until a journal entry matches, or times out. */
export interface ExpectStep {
  kind: 'expect';
  system: string;
  /** `inbound` = the target called the sandbox; `outbound` = the sandbox delivered to the target. */
  direction: 'inbound' | 'outbound';
  method?: string;
  /** Substring (or /regex/) of the URL. */
  path?: string;
  /** MessageHeader.eventCoding.code of the request body. */
  event?: string;
  /** FHIRPath over the request body that must be true. */
  where?: string;
  /**
   * The Ocean referral (ref) the exchange was about, as the sandbox read it (journal correlation `referral`): Ocean's
   * own reading of a POS message accepts every form it takes (ServiceRequest.identifier, either header extension).
   */
  referral?: string;
  /** HTTP status of the exchange: a number or a class such as `2xx`. */
  status?: number | string;
  /** Simulated time-out (ISO 8601 duration). */
  within: string;
  /** Clock step while waiting (ISO 8601 duration). */
  tick: string;
  /** FHIRPath over the request body, stored under the name. `$entry.id` etc. are allowed (see capture.ts). */
  capture: Record<string, string>;
  /** When true, the step passes if NO matching message arrives within the time (e.g. a status Ocean must refuse). */
  absent: boolean;
}

/** Calls the sandbox's own API (admin or FHIR), or the target's driver (`on: target`). */
export interface CallStep {
  kind: 'call';
  on: 'sandbox' | 'target';
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: Template;
  headers: Record<string, string>;
  /** Get a bearer token for the partner first (`plr`/`hcim` audience) */
  auth?: 'partner';
  status?: number | string;
  capture: Record<string, string>;
}

export interface AdvanceStep {
  kind: 'advance';
  duration: string;
}

export interface FaultStep {
  kind: 'fault';
  seam: string;
  effect: { kind: 'status'; status: number } | { kind: 'drop' } | { kind: 'latency'; ms: number } | { kind: 'malformed'; body?: string };
  times?: number;
  /** Scope to the partner under test (default true). */
  partnerOnly: boolean;
  clear: boolean;
}

/** FHIRPath over a captured value, a journal entry, or a sandbox GET (the store as the admin API shows it). */
export interface AssertStep {
  kind: 'assert';
  source: { capture: string } | { journal: string; part: 'request' | 'response' | 'entry' } | { get: string };
  expression: string;
  /** Expected value of the expression (compared after masking volatile fields). */
  equals?: unknown;
  /** Default when `equals` is absent: the expression must yield a non-empty, non-false result. */
  exists?: boolean;
  message?: string;
}

export interface NarrateStep {
  kind: 'narrate';
  text: string;
}

export type Step = SendStep | ExpectStep | CallStep | AdvanceStep | FaultStep | AssertStep | NarrateStep;
export type StepKind = Step['kind'];

/** One step as written, with its optional title and its position in the file. */
export interface ScenarioStep {
  index: number;
  title?: string;
  step: Step;
}

export interface Scenario {
  id: string;
  title: string;
  description?: string;
  /** The simulated system the scenario is about. */
  system: 'ocean' | 'plr' | 'hcim';
  role: TargetRole;
  useCases: UseCaseRef[];
  /** Default values available as `${name}` (captures override them). */
  vars: Record<string, unknown>;
  steps: ScenarioStep[];
  tags: string[];
  /** The file it was loaded from, when it was. */
  file?: string;
}

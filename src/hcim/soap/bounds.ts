// Bounds on a parsed HL7v3 message: no attribute or text longer than a registry field, so nothing huge is echoed back.
import type { XmlNode, XmlValue } from './v3-read.js';

/** Longest attribute or text value the SOAP surface accepts (HCIM's longest fields are far shorter). */
export const MAX_XML_VALUE = 4096;
/** Deepest element nesting accepted (an HCIM message is about 12 deep). */
export const MAX_XML_DEPTH = 64;

export interface XmlBoundProblem {
  /** Element path with the attribute, e.g. `Envelope/Body/HCIM_IN_GetDemographics/id/@extension`. */
  path: string;
  message: string;
}

/** The first value over the bounds, walking without recursion; undefined when the message is within them. */
export function findXmlBoundProblem(doc: XmlNode, maxValue = MAX_XML_VALUE, maxDepth = MAX_XML_DEPTH): XmlBoundProblem | undefined {
  const stack: Array<{ value: XmlValue; path: string; depth: number }> = [{ value: doc, path: '', depth: 0 }];
  while (stack.length) {
    const { value, path, depth } = stack.pop()!;
    if (depth > maxDepth) return { path: clip(path), message: `nests deeper than ${maxDepth} elements` };
    if (typeof value === 'string') {
      if (value.length > maxValue) return { path: clip(path), message: `is ${value.length} characters long; at most ${maxValue} are accepted` };
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, path, depth });
    } else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const name = key.startsWith('@_') ? `@${key.slice(2)}` : key === '#text' ? 'text()' : key;
        stack.push({ value: child, path: path ? `${path}/${name}` : name, depth: key.startsWith('@_') || key === '#text' ? depth : depth + 1 });
      }
    }
  }
  return undefined;
}

/** Element names come from the client too: a long one is cut for the fault text. */
function clip(path: string): string {
  return path.length > 256 ? `${path.slice(0, 256)}…` : path;
}

// Bounds on a parsed HL7v3 message: no attribute or text longer than a registry field, so nothing huge is echoed back.
import type { XmlNode, XmlValue } from './v3-read.js';

/** Longest attribute or text value the SOAP surface accepts (HCIM's longest fields are far shorter). */
export const MAX_XML_VALUE = 4096;
/**
 * Largest request body the SOAP endpoint reads (the sandbox's general limit is 5 MiB). An HL7v3 HCIM message is a
 * few KB (a GetDemographics under 1 KB, a PersonRevised with a long history some 20 KB), and parsing costs ~1-3 µs a
 * byte: 5 MB of sibling elements held the event loop for seconds, 128 KiB costs a fraction of one.
 */
export const MAX_SOAP_BODY_BYTES = 128 * 1024;
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

/** Text from the client (element names, the parser's messages quoting the input) is cut for a fault. */
export function clip(text: string, max = 256): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

// The EHR's `smart_style_url`: Ocean fetches the style JSON and styles its page with the values it can check.
import type { AppDeps } from '../../app-deps.js';
import type { Finding } from './conformance.js';
import { LaunchError } from './launch-error.js';
import { callEhr } from './outbound.js';

const COLOR = /^(#[0-9a-fA-F]{3,8}|rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(,\s*[\d.]+\s*)?\))$/;
const DIMENSION = /^\d{1,3}(\.\d{1,3})?(px|em|rem|%)$/;
const FONT = /^[\w\s,'"-]{1,120}$/;

/** The SMART style keys Ocean uses, with the check each value must pass. See: https://hl7.org/fhir/smart-app-launch/STU2.2/scopes-and-launch-context.html#styling */
const KEYS: Readonly<Record<string, RegExp>> = {
  color_background: COLOR,
  color_text: COLOR,
  color_highlight: COLOR,
  color_error: COLOR,
  color_success: COLOR,
  dim_border_radius: DIMENSION,
  dim_font_size: DIMENSION,
  font_family_body: FONT,
  font_family_heading: FONT,
};

/** Fetches and checks the style; a style Ocean cannot use is a warning, never a stopped launch. */
export async function fetchSmartStyle(app: AppDeps, url: string, correlation: Record<string, string>): Promise<{ style?: Record<string, string>; finding?: Finding }> {
  const res = await callEhr(app, { step: 'fhir', url, correlation }).catch((err: unknown) => (err instanceof LaunchError ? undefined : Promise.reject(err)));
  const json = res?.json;
  if (!res || res.status !== 200 || !json || typeof json !== 'object' || Array.isArray(json)) {
    return { finding: { step: 'token', level: 'warn', text: `smart_style_url ${url} did not answer a JSON object (HTTP ${res?.status ?? 'no answer'}); Ocean keeps its own style` } };
  }
  const style: Record<string, string> = {};
  const rejected: string[] = [];
  for (const [key, check] of Object.entries(KEYS)) {
    const value = (json as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (typeof value === 'string' && check.test(value.trim())) style[key] = value.trim();
    else rejected.push(key);
  }
  return { style, finding: rejected.length ? { step: 'token', level: 'warn', text: `smart_style_url: ignored values Ocean cannot use for ${rejected.join(', ')}` } : undefined };
}

/** The style as CSS over Ocean's own sheet (every value was checked against KEYS). */
export function styleCss(style: Readonly<Record<string, string>>): string {
  const rules: string[] = [];
  const body = [style.color_background && `background:${style.color_background}`, style.color_text && `color:${style.color_text}`, style.font_family_body && `font-family:${style.font_family_body}`, style.dim_font_size && `font-size:${style.dim_font_size}`].filter(Boolean);
  if (body.length) rules.push(`body{${body.join(';')}}`);
  if (style.font_family_heading) rules.push(`h1,h2{font-family:${style.font_family_heading}}`);
  if (style.color_highlight) rules.push(`header.top,button,.button{background:${style.color_highlight};border-color:${style.color_highlight}}`);
  if (style.dim_border_radius) rules.push(`button,.button,textarea,input,select,.panel{border-radius:${style.dim_border_radius}}`);
  if (style.color_error) rules.push(`.error{color:${style.color_error}}`);
  if (style.color_success) rules.push(`.sent{color:${style.color_success}}`);
  return `${rules.join('\n')}\n`;
}

// `${name}` and `${name.path}` placeholders: captured values flow into later steps.

const WHOLE = /^\$\{([A-Za-z_][\w.-]*)\}$/;
const PART = /\$\{([A-Za-z_][\w.-]*)\}/g;

export class MissingVariableError extends Error {
  constructor(
    message: string,
    /** The first segment of the missing name (`a` of `${a.b}`). */
    readonly variable: string,
  ) {
    super(message);
  }
}

/** Looks a dotted name up in the variables. */
export function lookup(vars: Record<string, unknown>, name: string): unknown {
  let v: unknown = vars;
  for (const key of name.split('.')) {
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) throw new MissingVariableError(`\${${name}} is not defined (known: ${Object.keys(vars).sort().join(', ') || 'none'})`, name.split('.')[0]!);
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Replaces placeholders in strings, deeply. A string that is exactly one placeholder takes the
 * variable's value with its type (object, number); inside a longer string it is stringified.
 */
export function interpolate<T>(value: T, vars: Record<string, unknown>): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return lookup(vars, whole[1]!) as T;
    return value.replace(PART, (_m, name: string) => {
      const v = lookup(vars, name);
      return typeof v === 'string' ? v : JSON.stringify(v);
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars)])) as T;
  }
  return value;
}

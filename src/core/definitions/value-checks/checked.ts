/**
 * The result of a value check: the normalised value, or a problem text for the user. The checks
 * are pure functions of the value; the readers add file, line and field.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const bad = (problem: string): Checked<never> => ({ ok: false, problem });

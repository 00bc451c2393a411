/** RFC 6901: the JSON-patch path of an image property; a property named `a/b` is `/a~1b`. */
export function pointer(name: string): string {
  return `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The property name a JSON-patch path points at (the inverse of `pointer`). */
export function unpointer(path: string): string {
  return path.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
}

// The oldest Node.js Assay runs on (package.json `engines`): 22.19. Older ones fail on the native
// SQLite module and the HTTP client in ways that name neither, so `assay` says it first.
const OLDEST = [22, 19];

/** A message naming the Node.js needed, or undefined when `version` (e.g. "24.22.3") is new enough. */
export function nodeTooOld(version) {
  const [major, minor] = version.split('.').map(Number);
  if (major > OLDEST[0] || (major === OLDEST[0] && minor >= OLDEST[1])) return undefined;
  return `Assay needs Node.js ${OLDEST.join('.')} or newer (24 preferred, as .nvmrc says); this is Node.js ${version}.`;
}

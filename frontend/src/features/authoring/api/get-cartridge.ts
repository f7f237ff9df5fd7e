/** GET /api/v1/authoring/courses/<slug>/cartridge — a version as IMS Common Cartridge 1.3 (.imscc). */

/** `version` undefined: the working version, else the latest. A link to it downloads the file. */
export function cartridgeExportUrl(slug: string, version?: number): string {
  const query = version === undefined ? '' : `?version=${String(version)}`;
  return `/api/v1/authoring/courses/${encodeURIComponent(slug)}/cartridge${query}`;
}

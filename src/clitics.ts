/**
 * The clitic rule of the guidelines: a mention's canonical form is its text without the proclitic
 * prefix, except that where ل + ال fused into لل the article's alef is restored
 * (للعراق → العراق). Returns the canonical forms the rule allows.
 */
/** The holder id of the article's own framing in stance records. */
export const WRITER = "writer";

export function allowedCanonicals(text: string, prefix: string): string[] {
  if (!text.startsWith(prefix)) return [];
  const rest = text.slice(prefix.length);
  const forms = [rest];
  if (prefix.endsWith("ل") && rest.startsWith("ل")) forms.push(`ا${rest}`);
  return forms;
}

/** Whether the clitic rule allows `canonical` for this text and prefix (allowedCanonicals, without the list). */
export function canonicalAllowed(text: string, prefix: string, canonical: string): boolean {
  if (!text.startsWith(prefix)) return false;
  const rest = text.slice(prefix.length);
  return canonical === rest || (prefix.endsWith("ل") && rest.startsWith("ل") && canonical.length === rest.length + 1 && canonical === `ا${rest}`);
}

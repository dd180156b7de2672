/**
 * Locale files imported in parts (build/localeParts.ts): `?core` is the text the first paint
 * needs, `?rest` the text of parts loaded later, `?engine-text` the English `engineText` alone.
 */
declare module '*?core' {
  const tree: { [k: string]: unknown };
  export default tree;
}
declare module '*?rest' {
  const tree: { [k: string]: unknown };
  export default tree;
}
declare module '*?engine-text' {
  export const engineText: {
    detail: Record<string, string>;
    note: Record<string, string>;
    drop: Record<string, string>;
    cost: Record<string, { title: string; source: string; note?: string }>;
  };
}

/**
 * Where e2e screenshots go. The README's pictures in docs/screenshots are refreshed only on
 * purpose (`npm run screenshots`); an ordinary test run writes to test-results/ instead, so
 * running the tests never dirties the working tree.
 */
export const shot = (name: string) =>
  process.env.UPDATE_SCREENSHOTS ? `docs/screenshots/${name}` : `test-results/screenshots/${name}`;

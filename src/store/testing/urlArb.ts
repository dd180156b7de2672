/**
 * Random and mutated address-bar queries (fast-check), shared by the Node fuzz
 * (src/store/urlFuzz.test.ts: hundreds of queries through the store and the real engine) and the
 * browser fuzz (e2e/fuzz.spec.ts: fewer, each a page load, for what only a page shows).
 */
import fc from 'fast-check';

export const FUZZ_SEED = 20261125;

export const FUZZ_PARAMS = ['scenario', 'packets', 'vms', 'adapter', 'vmq', 'sriov', 'traffic', 'flows', 'ext', 'seed', 'speed', 't', 'play', 'lang', 'theme', 'embed', 'lesson', 'step', 'panel'];
export const FUZZ_GOOD_VALUES = [
  '1', '0', '4', '64', '65', 'on', 'off', 'yes', 'true', 'synthetic', 'emulated', 'sriov', 'vf', 'synthetic,emulated,sriov', 'udp-out', 'ping', 'tcp-rr',
  'vm1:ext:udp:1500:100k', 'ext:vm2:tcp:64:1m', 'vm1:vm2:icmp:84:10', 'capture,filter', 'none', '5us', '1ms', '0.2us', '250000', 'ja', 'en', 'dark',
  'projector', 'metrics', 'compare', 'stress', 'vmq', 'synthetic',
];

/** A query-string value: a valid one, a mutated one, or junk. */
export const valueArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FUZZ_GOOD_VALUES) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...FUZZ_GOOD_VALUES), fc.string({ maxLength: 6 })).map(([a, b]) => a + b) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '%', '%%41', '%E0%A4%A', '\u0000', '<script>alert(1)</script>', '__proto__', 'constructor', 'a'.repeat(5000), '-1', 'NaN', 'Infinity', '1e308') },
);

/** A whole query (without `?`), its pairs raw or percent-encoded. */
export const queryArb = fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FUZZ_PARAMS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), valueArb), { maxLength: 7 }).chain((pairs) =>
  fc.boolean().map((raw) => pairs.map(([k, v]) => (raw ? `${k}=${v.replace(/[#&]/g, '')}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)).join('&')),
);

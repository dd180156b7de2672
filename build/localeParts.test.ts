import { describe, expect, it } from 'vitest';
import { splitTree } from './localeParts';

describe('splitTree', () => {
  const tree = { a: { x: '1' }, components: { vmbus: { title: 'VMBus', body: 'long' }, nic: { title: 'NIC', body: 'b' } }, lessons: { l1: 't' } };
  const pats = ['lessons', 'components.*.body'];
  it('core keeps everything the patterns do not select', () => {
    expect(splitTree(tree, pats, false)).toEqual({ a: { x: '1' }, components: { vmbus: { title: 'VMBus' }, nic: { title: 'NIC' } } });
  });
  it('rest is exactly the selected keys, and the two parts make the whole', () => {
    const rest = splitTree(tree, pats, true);
    expect(rest).toEqual({ components: { vmbus: { body: 'long' }, nic: { body: 'b' } }, lessons: { l1: 't' } });
  });
});

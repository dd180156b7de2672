/**
 * Every note the PowerShell formatter can attach has its text in every language, with the same
 * parameters (the panel shows notes from `powershell.notes.<id>`; the CLI prints the English `en`).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, scenarioConfig } from '../../engine';
import type { SimConfig } from '../../engine/types';
import { powershellBlocks, type PsNote } from '../../export/powershell';
import en from '../../i18n/locales/en.json';
import ja from '../../i18n/locales/ja.json';

function notesOf(config: SimConfig): PsNote[] {
  const sim = createSimulation(config, { seed: 1 });
  sim.runUntil(1_500_000);
  const snap = sim.snapshot();
  const out = powershellBlocks({ config: sim.config, vms: snap.vms, vmqAssignments: snap.vmqAssignments, vfAssignments: snap.vfAssignments }).flatMap((b) => b.notes);
  sim.dispose();
  return out;
}

describe('PowerShell notes are translated', () => {
  it('every note id of several hosts has en and ja text naming the same parameters', () => {
    const vmqOff = { ...scenarioConfig('vmq'), vmq: false };
    const noVf = { ...scenarioConfig('synthetic'), nic: { ...scenarioConfig('synthetic').nic, vfCount: 0 } };
    const mixed = scenarioConfig('mixed');
    const acl = { ...mixed, vms: mixed.vms.map((v) => ({ ...v, nic: { vrss: true, vmmq: true, acl: [{ direction: 'both' as const, action: 'deny' as const }] } })) };
    const notes = [scenarioConfig('vmq'), mixed, vmqOff, noVf, acl].flatMap(notesOf);
    const ids = new Set(notes.map((n) => n.id));
    expect(ids.size).toBeGreaterThanOrEqual(15);
    const enNotes = en.powershell.notes as Record<string, string>;
    const jaNotes = ja.powershell.notes as Record<string, string>;
    for (const n of notes) {
      expect(enNotes[n.id], n.id).toBeTypeOf('string');
      expect(jaNotes[n.id], n.id).toBeTypeOf('string');
      for (const p of Object.keys(n.params)) {
        expect(enNotes[n.id]).toContain(`{{${p}}}`);
        expect(jaNotes[n.id]).toContain(`{{${p}}}`);
      }
    }
    expect(Object.keys(enNotes).sort()).toEqual([...ids].sort());
  });
});

import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { PathBadge } from '../panels/Inspector';
import { PATH_GLYPH_CHAR } from './PathGlyph';

describe('path glyphs: the badge draws the diagram shape of each path', () => {
  it('is ■ synthetic, ▲ emulated, ◆ SR-IOV, ○ control, as PathGlyph and the overlay draw them', () => {
    expect(PATH_GLYPH_CHAR).toEqual({ synthetic: '■', emulated: '▲', sriov: '◆', control: '○' });
  });

  it.each(['synthetic', 'emulated', 'sriov', 'control'] as const)('PathBadge(%s) shows its diagram glyph', (path) => {
    const html = renderToStaticMarkup(<PathBadge path={path} />);
    expect(html).toContain(`>${PATH_GLYPH_CHAR[path]}<`);
  });
});

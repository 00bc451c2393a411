import { describe, expect, it } from 'vitest';
import type { TestcaseResult } from '../check/result.js';
import { cloudImage, definition, syncedImage } from '../plan/fixtures.test-util.js';
import { renderImageTable } from '../../reporters/image-table.js';
import { cloudRows, definitionRows } from './image-table.js';

const NOW = new Date('2026-03-01T00:00:00Z');

describe('image table', () => {
  it('definition rows leave the password out unless asked; Markdown escapes cells', () => {
    const def = { ...definition('Cirros', ['0.6.2', '0.6.3'], { multi: false, login: 'cirros' }), password: 'gocubsgo' };
    expect(definitionRows([def])[0]).not.toHaveProperty('password');
    const rows = definitionRows([def], { passwords: true });
    expect(rows[0]).toMatchObject({ name: 'Cirros', versions: 2, newest: '0.6.3', login: 'cirros', password: 'gocubsgo' });
    const md = renderImageTable({ source: 'definitions', rows: [{ ...rows[0]!, name: 'a|b' }] }, 'markdown');
    expect(md).toContain('| a\\|b | yes | 2 \\(newest 0\\.6\\.3\\) |');
    expect(md).toContain('| gocubsgo |');
  });

  it('cloud rows: definition and version, age from image_build_date, verdict from findings of that image', () => {
    const def = definition('Ubuntu 24.04', ['1', '2']);
    const good = syncedImage(def, '2');
    const bad = { ...syncedImage(def, '1'), hidden: false };
    const hidden = cloudImage('Other', { hidden: true, createdAt: '2026-02-20T10:00:00Z' });
    const results: TestcaseResult[] = [
      {
        id: 'scs-0102-prop-image_source',
        description: '',
        requirement: 'mandatory',
        verdict: 'FAIL',
        findings: [{ level: 'error', message: 'x', image: { id: bad.id, name: bad.name } }],
        images: [],
      },
    ];
    const rows = cloudRows([good, bad, hidden], [def], results, NOW, new Set([good.id, bad.id]));
    expect(rows.map((r) => [r.name, r.definition, r.version, r.ageDays, r.scs, r.findings.join()])).toEqual([
      ['Other', '', '', 8, 'not checked', ''],
      ['Ubuntu 24.04', 'Ubuntu 24.04', '2', 59, 'PASS', ''],
      ['Ubuntu 24.04 (1)', 'Ubuntu 24.04', '1', 59, 'FAIL', 'prop-image_source (FAIL)'],
    ]);
    const text = renderImageTable({ source: 'cloud', cloud: 'c', rows }, 'text');
    expect(text.split('\n')[0]).toMatch(/^Name\s+Version\s+Visibility\s+Hidden\s+Status\s+Age \(days\)\s+SCS-0102\s+ID$/);
    expect(renderImageTable({ source: 'cloud', cloud: 'c', rows: [] }, 'text')).toMatch(/No managed images\.\n$/);
  });
});

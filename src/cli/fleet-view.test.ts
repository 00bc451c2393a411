import { describe, expect, it } from 'vitest';
import { EXIT, worstExit } from './exit-codes.js';
import { outcomeWord } from './fleet-view.js';

describe('worstExit', () => {
  it('interrupted > could not finish > bad input > failed > ok', () => {
    expect(worstExit([])).toBe(EXIT.OK);
    expect(worstExit([EXIT.OK, EXIT.NOT_COMPLIANT])).toBe(EXIT.NOT_COMPLIANT);
    expect(worstExit([EXIT.INCOMPLETE, EXIT.NOT_COMPLIANT, EXIT.USAGE])).toBe(EXIT.INCOMPLETE);
    expect(worstExit([EXIT.INCOMPLETE, EXIT.INTERRUPTED, EXIT.OK])).toBe(EXIT.INTERRUPTED);
    expect(outcomeWord(EXIT.INCOMPLETE)).toBe('could not finish (unreachable?)');
  });
});

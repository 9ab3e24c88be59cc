// The degraded data-link fields of a force's `dataLink` (messageLoss, trackCapacity, staleAfter):
// defaults, resolution, and a clear error naming the field path for each bad value.
import { describe, expect, it } from 'vitest';
import { checkScenario, parseScenario } from '../../src/scenario/index.js';

const doc = (link: string) => `rampart: 1
name: t
epoch: 2024-06-01T00:00:00Z
duration: 60
forces:
  - { id: a, side: blue, allies: [b], dataLink: { latency: 1${link} } }
  - { id: b, side: blue }
`;
const problems = (link: string) => checkScenario(doc(link), 'f.yaml').problems.map((p) => `${p.path}: ${p.message}`);

describe('dataLink degradation fields', () => {
  it('default to an ideal link (no loss, no capacity limit, staleness left to the simulator)', () => {
    const a = parseScenario(doc(''), 'f.yaml').forces.find((f) => f.id === 'a')!;
    expect(a.dataLink).toEqual({ latency: 1, shares: ['tracks'], with: ['b'], messageLoss: 0, trackCapacity: null, staleAfter: null });
  });

  it('are carried through when given', () => {
    const a = parseScenario(doc(', messageLoss: 0.25, trackCapacity: 8, staleAfter: 12.5'), 'f.yaml').forces.find((f) => f.id === 'a')!;
    expect(a.dataLink).toMatchObject({ messageLoss: 0.25, trackCapacity: 8, staleAfter: 12.5 });
    // 0 is a valid loss probability.
    expect(problems(', messageLoss: 0')).toEqual([]);
  });

  it('reject bad values with the field path and the reason', () => {
    expect(problems(', messageLoss: 1')).toEqual(['forces[0].dataLink.messageLoss: must be a probability in [0, 1): 1 would lose every message (got 1)']);
    expect(problems(', messageLoss: -0.1')).toEqual(['forces[0].dataLink.messageLoss: must be a probability in [0, 1) (got -0.1)']);
    expect(problems(', messageLoss: lots')).toEqual(['forces[0].dataLink.messageLoss: must be a number (got "lots")']);
    expect(problems(', trackCapacity: 0')).toEqual(['forces[0].dataLink.trackCapacity: must be an integer between 1 and 100000 (got 0)']);
    expect(problems(', trackCapacity: 2.5')).toEqual(['forces[0].dataLink.trackCapacity: must be an integer between 1 and 100000 (got 2.5)']);
    expect(problems(', staleAfter: 0')).toEqual(['forces[0].dataLink.staleAfter: must be greater than 0 (got 0)']);
    expect(problems(', staleAfter: -3')).toEqual(['forces[0].dataLink.staleAfter: must be greater than 0 (got -3)']);
    expect(problems(', staleAfter: 7200')).toEqual(['forces[0].dataLink.staleAfter: must be at most 3600 s (got 7200)']);
    // Every bad field at once.
    expect(problems(', messageLoss: 2, trackCapacity: -1, staleAfter: 0')).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { completeTopLevelMembers } from '../../../src/capture/json-prefix-members.js';

describe('completeTopLevelMembers', () => {
  const body = JSON.stringify({ model: 'm', temperature: 0.5, stop: ['a', '"}'], messages: [{ role: 'user', content: 'x "y" \\ z' }], max_tokens: 12 });

  it('gives the whole object when the text is the whole body', () => {
    expect(completeTopLevelMembers(body)).toEqual(JSON.parse(body));
  });

  it('at every cut, gives exactly the members that ended before it', () => {
    const all = JSON.parse(body) as Record<string, unknown>;
    for (let cut = 0; cut <= body.length; cut += 1) {
      const got = completeTopLevelMembers(body.slice(0, cut));
      if (cut === 0) {
        expect(got).toBeUndefined();
        continue;
      }
      for (const [key, value] of Object.entries(got!)) expect(value, `cut ${cut}`).toEqual(all[key]);
      // A member is only left out when its value (or the comma or brace after a number) was cut.
      const wholeUpTo = Object.keys(all).filter((key) => {
        const end = body.indexOf(JSON.stringify(all[key]), body.indexOf(`"${key}":`)) + JSON.stringify(all[key]).length;
        // A number may go on (12|34) until a delimiter follows it; anything else ends at its last character.
        return typeof all[key] === 'number' ? end < cut : end <= cut;
      });
      expect(Object.keys(got!), `cut ${cut}`).toEqual(wholeUpTo);
    }
  });

  it('ignores text that does not open an object, and a __proto__ member', () => {
    expect(completeTopLevelMembers('[1,2]')).toBeUndefined();
    expect(completeTopLevelMembers('  "model"')).toBeUndefined();
    const got = completeTopLevelMembers('{"__proto__": {"polluted": true}, "model": "m"}')!;
    expect(got).toEqual({ model: 'm' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

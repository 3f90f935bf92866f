import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest.ts';

/** A request whose answers the test releases by hand, in any order. */
function manualRequest() {
  const pending = new Map<string, { resolve(value: string): void; reject(error: Error): void }>();
  const request = (term: string) =>
    new Promise<string>((resolve, reject) => {
      pending.set(term, { resolve, reject });
    });
  const release = (term: string) => pending.get(term)!.resolve(`experiments matching ${term}`);
  const fail = (term: string) => pending.get(term)!.reject(new Error(`${term} failed`));
  return { request, release, fail };
}

describe('latestOnly', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const { request, release } = manualRequest();
    const search = latestOnly(request);
    const shown: string[] = [];
    const older = search('ab').then((a) => a.latest && shown.push(a.value));
    const newer = search('abc').then((a) => a.latest && shown.push(a.value));
    release('abc');
    await newer;
    release('ab');
    await older;
    expect(shown).toEqual(['experiments matching abc']);
  });

  it('applies the newest answer when the answers arrive in order', async () => {
    const { request, release } = manualRequest();
    const search = latestOnly(request);
    const older = search('a');
    release('a');
    expect(await older).toEqual({ latest: true, value: 'experiments matching a' });
    const newer = search('ab');
    release('ab');
    expect(await newer).toEqual({ latest: true, value: 'experiments matching ab' });
  });

  it("reports only the newest call's failure", async () => {
    const { request, release, fail } = manualRequest();
    const search = latestOnly(request);
    const older = search('x');
    const newer = search('xy');
    fail('x');
    expect(await older).toEqual({ latest: false });
    fail('xy');
    await expect(newer).rejects.toThrow('xy failed');
    const last = search('xyz');
    release('xyz');
    expect(await last).toEqual({ latest: true, value: 'experiments matching xyz' });
  });
});

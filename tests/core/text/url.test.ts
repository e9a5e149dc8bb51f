import { describe, expect, it } from 'vitest';
import { judgeUrl, visibleControls } from '../../../src/core/text/url.ts';

describe('judgeUrl : le schéma qu\'un navigateur retient', () => {
  it.each([
    ['java\tscript:alert(1)', false, 'javascript:'],
    ['java\nscript:alert(1)', false, 'javascript:'],
    [' javascript:alert(1)', false, 'javascript:'],
    ['\x01javascript:alert(1)', false, 'javascript:'],
    ['javascript:alert(1)\x00', false, 'javascript:'],
    ['java&#9;script:alert(1)', false, 'javascript:'],
    ['java&amp;#9;script:alert(1)', false, 'javascript:'],
    ['&#x6A;avascript:alert(1)', false, 'javascript:'],
    ['JAVASCRIPT:alert(1)', false, 'javascript:'],
    ['data:text/html,x', false, 'data:'],
    ['vbscript:x', false, 'vbscript:'],
    ['https://x.fr/a\x01b', false, 'https:'],
    ['http://[', false, undefined],
    ['https://www.net-entreprises.fr/', true, 'https:'],
    ['HTTP://x.fr', true, 'http:'],
    ['mailto:a@b.fr', true, 'mailto:'],
    ['/dsn/P26V01/', true, 'https:'],
    ['../3/', true, 'https:'],
    ['#ancre', true, 'https:'],
    ['page.html?a=1&b=2', true, 'https:'],
    ['//exemple.fr/', true, 'https:'],
  ])('%j → sûr : %s', (raw, safe, protocol) => {
    expect(judgeUrl(raw)).toEqual(protocol === undefined ? { safe } : { safe, protocol });
  });

  it('montre les caractères de contrôle', () => {
    expect(visibleControls('a\tb\nc\x01\x7f')).toBe('a\\tb\\nc\\x01\\x7f');
  });
});

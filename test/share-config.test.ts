import { describe, it, expect } from 'vitest';
import { authHeader, describeConnection, parseShareConfig, shareTarget } from '../lib/share/share-config';

describe('shareTarget: where the quote log may be shared', () => {
  const accepted: [string, string, string][] = [
    ['https://couch.example.org/newsroom', 'https://couch.example.org/newsroom', 'https://couch.example.org/*'],
    ['https://couch.example.org:6984/newsroom/', 'https://couch.example.org:6984/newsroom', 'https://couch.example.org/*'],
    ['http://localhost:5984/team', 'http://localhost:5984/team', 'http://localhost/*'],
    ['http://127.0.0.1:5984/team', 'http://127.0.0.1:5984/team', 'http://127.0.0.1/*'],
  ];
  for (const [url, dbUrl, permission] of accepted) {
    it(`accepts ${url}`, () => {
      expect(shareTarget(url)).toEqual({ ok: true, dbUrl, permission });
    });
  }
  const refused: [string, RegExp][] = [
    ['http://couch.example.org/newsroom', /https/],
    ['http://192.168.1.5:5984/newsroom', /https/],
    ['ftp://couch.example.org/newsroom', /https/],
    ['https://couch.example.org/', /database name/],
    ['https://admin:secret@couch.example.org/newsroom', /own fields/],
    ['https://couch.example.org/newsroom?x=1', /query/],
    ['couch.example.org/newsroom', /full address/],
    ['', /full address/],
  ];
  for (const [url, why] of refused) {
    it(`refuses ${JSON.stringify(url)}`, () => {
      const t = shareTarget(url);
      expect(t.ok).toBe(false);
      if (!t.ok) expect(t.error).toMatch(why);
    });
  }
});

describe('parseShareConfig', () => {
  it('is off with nothing stored or something malformed', () => {
    for (const v of [undefined, null, 'x', { enabled: 'yes' }]) expect(parseShareConfig(v).enabled).toBe(false);
  });
  it('keeps what was stored', () => {
    expect(parseShareConfig({ url: ' https://c.test/db ', username: 'u', password: 'p', sharedBy: 'Desk', enabled: true })).toEqual({
      url: 'https://c.test/db', username: 'u', password: 'p', sharedBy: 'Desk', enabled: true,
    });
  });
});

describe('authHeader', () => {
  it('is basic authentication for a user, nothing without one', () => {
    expect(authHeader({ username: 'anna', password: 'pässword' })).toEqual({ Authorization: `Basic ${Buffer.from('anna:pässword').toString('base64')}` });
    expect(authHeader({ username: '', password: 'x' })).toEqual({});
  });
});

describe('describeConnection', () => {
  it('says what the server answered', () => {
    expect(describeConnection(200, { db_name: 'team', doc_count: 3 })).toEqual({ ok: true, message: 'Connected to database “team”, 3 documents.' });
    expect(describeConnection(200, '<html>')).toMatchObject({ ok: false });
    expect(describeConnection(401, {}).message).toMatch(/user name or password/);
    expect(describeConnection(404, {}).message).toMatch(/no such database/);
    expect(describeConnection(500, null)).toMatchObject({ ok: false });
  });
});

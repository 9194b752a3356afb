// Ways of resolving a bare "he"/"she" that the product's focusPronoun (lib/speakers/resolve.ts) was
// measured against: research only, run by `speakers-eval.ts --pronouns=NAME`.
import type { Person } from '../../lib/speakers/name-groups';
import { type PronounResolver, type Reading, focusPronoun, speechSubjects } from '../../lib/speakers/resolve';
import { lastBefore } from '../../lib/speakers/people';

/** The last quoted speaker that fits, unless someone named since takes over. */
function lastSpeakerPronoun(r: Reading, pos: number, fits: (p: Person | null) => boolean): Person | null {
  const { people } = r.d;
  const history = r.speakerHistory;
  let p: Person | null = null;
  for (let k = history.length - 1; k >= 0; k--) {
    const h = history[k];
    if (h.pos < pos && h.person && fits(h.person)) {
      p = h.person;
      break;
    }
  }
  // A person named after the last quote, in a sentence of their own, takes the focus back.
  const last = history.filter((h) => h.pos < pos).pop();
  const named = people.recent(pos, (x) => fits(x));
  if (named && p !== named && last) {
    const since = people.mentions.filter((m) => m.pos > last.pos && m.pos < pos && m.person === named).length;
    const sinceP = people.mentions.filter((m) => m.pos > last.pos && m.pos < pos && m.person === p).length;
    if (since > 0 && sinceP === 0) p = named;
  }
  if (!p) p = named;
  return p;
}

/** The resolvers by name: 'focus' is the product's own. */
export const PRONOUN_STRATEGIES: Record<string, PronounResolver> = {
  focus: focusPronoun,
  /** The last quoted speaker that fits. */
  speaker: lastSpeakerPronoun,
  /** The latest speech act, quoted or reported, else the last person named. */
  speech: (r, pos, fits) => lastBefore(speechSubjects(r), pos, (m) => fits(m.person))?.person ?? r.d.people.recent(pos, fits),
  /** The last person named. */
  mention: (r, pos, fits) => r.d.people.recent(pos, fits),
  /** The last sentence subject. */
  subject: (r, pos, fits) => {
    const { subjects } = r.d;
    for (let k = subjects.length - 1; k >= 0; k--) if (subjects[k].pos < pos && fits(subjects[k].person)) return subjects[k].person;
    return null;
  },
};

// Words that report speech, in the languages whose pages Verbatim reads. Quote finding uses them to
// tell someone's words from a quoted term, and a split quote's attribution from reporting. Sets, not
// objects: a word such as "constructor" must never find an inherited entry.
import { SPEECH_SIGNAL_WORDS } from '../text/vocabulary';

/** Speech and reporting words of English, German and French (the shared inventory in
 *  lib/text/vocabulary.ts): they make a short clause between two quote parts an attribution, and a
 *  quoted phrase in their sentence someone's words rather than a term. */
const LATIN_SCRIPT = SPEECH_SIGNAL_WORDS;

/** Arabic (written as arabicKey leaves it: alef forms folded, tā' marbūṭa as hā'): said, added,
 *  stated, confirmed, announced, explained, mentioned, pointed out, wrote, tweeted, asked, according
 *  to, statement, interview, saying/adding (circumstantial participles); and the Persian "said". */
const ARABIC = [
  'قال', 'قالت', 'قالوا', 'يقول', 'تقول', 'اضاف', 'اضافت', 'يضيف', 'تضيف', 'صرح', 'صرحت', 'يصرح', 'اكد', 'اكدت', 'يؤكد',
  'تؤكد', 'اعلن', 'اعلنت', 'اوضح', 'اوضحت', 'يوضح', 'ذكر', 'ذكرت', 'اشار', 'اشارت', 'يشير', 'كتب', 'كتبت', 'غرد', 'غردت',
  'سال', 'سالت', 'تابع', 'تابعت', 'حسب', 'وفقا', 'طبقا', 'تصريح', 'تصريحات', 'بيان', 'مقابله', 'قائلا', 'قائله',
  'مضيفا', 'مضيفه', 'مؤكدا', 'مؤكده', 'معتبرا', 'اعتبر', 'اعتبرت', 'حذر', 'حذرت', 'نقل', 'نقلت', 'افاد', 'افادت',
  'زعم', 'زعمت', 'شدد', 'شددت', 'قوله', 'قولها', 'اجاب', 'اجابت', 'خطاب', 'لسان', 'گفت', 'گفته', 'افزود',
];

/** Hebrew: said, says, added, announced, claimed, explained, noted, wrote, tweeted, asked, answered,
 *  declared, stressed, warned, according to, statement, interview, speech. */
const HEBREW = [
  'אמר', 'אמרה', 'אמרו', 'אומר', 'אומרת', 'אומרים', 'הוסיף', 'הוסיפה', 'מוסיף', 'מוסיפה', 'הודיע', 'הודיעה', 'טען',
  'טענה', 'טוען', 'טוענת', 'הסביר', 'הסבירה', 'ציין', 'ציינה', 'כתב', 'כתבה', 'צייץ', 'צייצה', 'שאל', 'שאלה', 'השיב',
  'השיבה', 'ענה', 'ענתה', 'הצהיר', 'הצהירה', 'לדברי', 'לדבריו', 'לדבריה', 'לפי', 'מסר', 'מסרה', 'הדגיש', 'הדגישה',
  'הזהיר', 'הזהירה', 'הודעה', 'בהודעה', 'ראיון', 'בראיון', 'נאום', 'הכריז', 'הכריזה',
];

const WORDS = new Set([...LATIN_SCRIPT, ...ARABIC, ...HEBREW]);

/** One letter form for Arabic-script words: hamza-carrying alefs and madda as bare alef, tā'
 *  marbūṭa as hā', alef maqṣūra and Persian yā' as yā', tatweel dropped (diacritics are gone already:
 *  callers keep letters only). */
function arabicKey(w: string): string {
  return w.replace(/[أإآٱ]/gu, 'ا').replace(/ة/gu, 'ه').replace(/[ىی]/gu, 'ي').replace(/ـ/gu, '');
}

/** Clitics written onto the word before a speech verb: Arabic "and"/"so" (وقال, فقال) and "by, for"
 *  (بحسب, لقوله); Hebrew "and", "that", "when" (ואמר, שאמר, כשאמר) and the article of a participle. */
const ARABIC_PREFIX = /^(?:[وف]?[بل]?)/u;
const HEBREW_PREFIX = /^(?:ו?כ?ש|ו|ה)/u;

/** True when `word` (letters only, lower case) reports speech in one of the languages above. */
export function isSpeechWord(word: string): boolean {
  if (word === '') return false;
  if (WORDS.has(word)) return true;
  const c = word.charCodeAt(0);
  if (c >= 0x600 && c <= 0x6ff) {
    const key = arabicKey(word);
    if (WORDS.has(key)) return true;
    const bare = key.replace(ARABIC_PREFIX, '');
    return bare.length >= 2 && bare !== key && WORDS.has(bare);
  }
  if (c >= 0x5d0 && c <= 0x5ea) {
    const bare = word.replace(HEBREW_PREFIX, '');
    return bare.length >= 2 && bare !== word && WORDS.has(bare);
  }
  return false;
}

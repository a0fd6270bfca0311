// The emergencies a dispatcher never waits on a model for (docs/domain/dispatch.md, "how a
// dispatcher reads a request"): they run before the model's answer is used and can only raise
// the urgency to emergency; gas, a stuck lift, sewage in a flat, burning wiring, a fire in the
// chute and no heating in frost also name the category, as the labelling rules do.
//
// Patterns match the folded text (domain/dispatch/text.ts): Uzbek Cyrillic, Uzbek Latin and
// Russian in either script meet in one loose Latin spelling, English passes through.
import { foldedText } from './text.ts';
import type { Classification, DispatchCategory, RequestLanguage, Scored, Urgency } from './triage.ts';
import type { TriagePolicy } from './triage-policy.ts';

export interface EmergencyRule {
  id: string;
  /** Set when the situation decides the category too. */
  category?: DispatchCategory;
  matches(folded: string): boolean;
}

const any =
  (...patterns: (RegExp | ((s: string) => boolean))[]) =>
  (s: string) =>
    patterns.some((p) => (p instanceof RegExp ? p.test(s) : p(s)));

// A gas smell, said any way, unless it is said to be absent ("hid yo'q", "запаха нет", "no smell").
const GAS_SMELL = any(
  /\bgaz\w*\s+(\w+\s+)?hid/,
  /\bgaz\w* (ga )?oh?shash\w* hid/,
  /\b(pah\w*|zapah\w*|vonya\w*)\s+(\w+\s+)?gaz/,
  /\bgaz\w*\s+pah/,
  /\bsmell\w*\s+(\w+\s+)?(of |like )?gas\b/,
  /\bgas(-like|-y)?\s+(\w+\s+)?smell/,
  /\bgas leak/,
  // "пахнет чем-то похожим на газ", "hid bor, gazmi kanalizatsiyami": the smell named first.
  /\bpah\w*[^.!?]{0,30}\bgaz/,
  /\bpohoj\w* na gaz/,
  /\bhid\w* (bor|kel\w*)[^.!?]{0,20}\bgaz/,
);
const GAS_SMELL_DENIED = any(
  /\bhid\w* (yok|sezilmay|emas|bilinmay)/,
  /\bzapah\w* (gaz\w* )?(net|ne )/,
  /\bnet (nikakogo )?zapah/,
  /\bne pahn/,
  /\bhid\w* sezmay/,
  /\bbez zapah/,
  /\bno (gas )?smell/,
  /\b(doesnt|does not|dont|do not|cant|can not|cannot) smell/,
);
const HISSING = any(/\b(vishill|shivill|shuvill|pishill|shipill|hushtak|shipit|shipen|shipyat|hiss)/);
// A hiss by the stove is the gas line's (a hissing "plita" is never a facade slab).
const GAS = any(/\bgaz/, /\bgas\b/, /\b(stove|cooker|hob)\b/, /\bplit(a|ani|adan|aning|asi|ning|aga|e|y)\b/);
const GAS_PIPE_DAMAGED = any(
  /\bgaz\w* trub\w*[^.!?]{0,60}\b(urib|egil|teshil(?!ib kolmasin)|shikast|yoril|zang\w* teshil|teshik|pogn|zadel|povre|probi|lopn|bent|damaged|hit|cracked)/,
  /\b(urib|egil|teshil|shikast|pogn|zadel|povre|bent|damaged|hit)\w*[^.!?]{0,40}\bgaz\w* trub/,
  /\bgas pipe[^.!?]{0,60}\b(bent|damaged|hit|cracked|broken)/,
  /\b(bent|damaged|hit|cracked|broke)\w*[^.!?]{0,40}\bgas pipe/,
  // The stove's hose split, with a smell ("плитанинг шланги ёрилди, ҳид бор").
  /\b(plit|gaz)\w*[^.!?]{0,20}\bshlang\w*[^.!?]{0,25}\b(yoril|teshil|lopn|tresn|cracked|split)(?![^.!?]*\bhid\w* (yok|sezilmay|sezmay))/,
);

// Someone inside a stopped lift; "nobody inside" keeps it urgent.
const LIFT = any(/\blift/, /\belevator/);
const PERSON_STUCK = any(
  /\b(liftda|lifta|kabina\w*)\s+([\w-]+\s+){0,4}(kolib|kolibdi|koldi[km]|koldim|yopilib|kamalib|tikilib)/,
  /\bichida\s+([\w-]+\s+){0,3}((bor|koldi|kolgan|kolib)\b|takillat|kichkir|yigla)/,
  // "ichidagi yigit eshikni ocholmayapti", "eshik ochilmayapti, u ichida".
  /\bichidagi (odam|yigit|kiz|bola|ayol|kishi|erkak|kampir|chol|ona|ota|kuryer)/,
  /\b(u|ular|odam|onam|otam|bolam|bola|kizim|oglim) ichida\b/,
  // "она стучит и кричит из шахты": a voice from the shaft or the cabin.
  /\b(krich|stuch|plach|zov)\w*[^.!?]{0,20}\b(iz |v )(lift|shaht|kabin)/,
  /\b(odam|bola|kizim|oglim|onam|ayol|kishi|kampir|chol|kuryer|kimdir)\w*\s+([\w-]+\s+){0,3}(kolib|ichida)/,
  // "застряли в лифте", "в лифте застрял мужчина": people; "лифт застрял" alone is the lift.
  /\bzastr\w*\s+(\S+\s+){0,3}v lift/,
  /\bv lift\w*\s+(\S+\s+){0,3}zastr/,
  /\b(ya|my|sosed\w*|rebenok|reben\w*|deti|mama|babushk\w*|muzh\w*|kto-to|chelovek|lyudi)\s+(\S+\s+){0,2}zastr/,
  /\bvnutri\s+(?!nikogo|nikto|pusto)/,
  // "stuck in the lift" or a person stuck; "the lift got stuck yesterday" is the lift alone.
  /\b(stuck|trapped) in(side)? (the |our |a )?(\w+ )?(lift|elevator|cabin)/,
  /\b(someone|somebody|people|person|kid|child|man|woman|guy|boy|girl|son|daughter|mother|mom|mum|father|dad|grandma|grandpa|granny|neighbou?r|friend|courier|husband|wife|baby|movers?|we|i|im|i m|we re|they|she|he|s)\s+((is|are|was|were|been|got|has been|have been|am)\s+)?(stuck|trapped)\b/,
  /\b(i m|im|i am|we re|we are) inside\b/,
);
const NOBODY_INSIDE = any(
  /\bichida hech kim/,
  /\bvnutri nikogo/,
  /\bnikto ne zastr/,
  /\bnobody( s| is|s)? (inside|stuck)/,
  /\b(bormi yokmi|hamma chikdi|ozi yurdi|vse vyshli|everyone got out)/,
  /\bempty\b/,
  /\bno one (inside|stuck)/,
);

// Water flowing now: bursting, gushing, flooding. A drip ("tomyapti", "капает") is not enough.
const WATER_FLOWING = any(
  /\b(otilib|otilyap|otilayap|sharill|sharakill|sharikir|shovill|tizzagacha|toshiryap|suv bos(di|ib|gan))/,
  /(?<!tolib[- ])\btoshib ket/,
  /\b(truba|trub|stoyak|batarey|radiator|shlang|kran)\w*[^.!?]{0,30}\b(yorilib ket|yorildi)/,
  /\b(hlesh|prorval|prorvav|zatopil|zalivayut|zalivaet|lyet|lyot|potop|po kolen|fontan|kipyat)/,
  /\btrub\w* lopnul/,
  /\b(pouring|gushing|flooding|burst|spraying|streaming)\b/,
  /\bwater everywhere\b/,
  /\b(is|got|are|s) flooded\b|\bflooded (with|to)\b/,
  /\b(ankle|knee)[- ]deep\b/,
  /\b(po shikolot|topikkacha|pol tola suv|voda po vsemu polu)/,
  // From a ceiling or a wall, or from upstairs, flowing now ("shiftdan suv oqyapti", "с потолка течёт",
  // "water running down the wall"): a drip ("tomyapti", "капает", "dripping") stays out.
  /\b(shift|potol|ceiling|stena|stene|stenu|devordan|wall|tepadan|yukoridan|sverhu|upstairs)\w*[^.!?]{0,40}\b(okyap|okayap|okib (tush|kel|tur|chik)|kuyilyap|kuyilayap|techyot|techet|ruchyom|running|coming (in|through|down)|streaming|flowing)/,
  /\b(techyot|techet|lyot|lyet|okyap|okib tush|running|pouring|coming|streaming)\w*[^.!?]{0,20}\b(s potol|po sten|shiftdan|devordan|sverhu|tepadan|(down|through|from) the (\w+ )?(ceiling|wall)|from upstairs)/,
  // Rain through the roof now ("tomdan suv oqyapti", "tom orqali suv kelyapti").
  /\b(tomdan|tom orkali|s krysh)\w*[^.!?]{0,20}\b(okyap|okayap|kuyilyap|kelyap|techyot|techet|lyot|lyet)/,
  // A burst hose or a torn-off tap ("лопнул шланг", "сорвало кран", "shlang uzilib ketdi").
  /\b(truba|trub|shlang|stoyak|batare|kran)\w*[^.!?]{0,20}\blopnul|\blopnul\w*[^.!?]{0,20}\b(truba|trub|shlang|stoyak|batare|kran)/,
  /\bsorval\w* kran|\bkran\w* sorval/,
  /\b(shlang|stiralk)\w*[^.!?]{0,30}\b(uzil|yoril|lopn)/,
  // Nobody can shut it off.
  /\bperekryt\w*[^.!?]{0,20}\b(ne mog|ne moj|ne poluch|kilolmay|kilaolmay)|\bne mo[gj]\w* perekryt/,
  /\b(cant|can t|cannot|can not) (find|reach) the (main |water )?(shutoff|shut-off|stopcock|valve)/,
);
// "Не хлещет", "already dry": a leak that has stopped is not an emergency.
const WATER_STOPPED = any(
  /\bne (hlesh|tech|zaliva|lyet|lyot)/,
  /\b(uzhe|uje) (ne|suho|vse suho|vsyo suho)/,
  /\b(oki[bs] ketmay|okmayapti|okib tushmay|hozir kuruk|kurib kol)/,
  /\b(already|now) dry\b/,
  /\b(its|it is) dry now\b/,
  /\bseychas (suho|vse suho|vsyo suho|ne tech)/,
  /\bhozir (kuruk|okmay|tohta)/,
  // Said as a habit ("крыша течёт каждый раз", "har safar"), with nothing saying it is now.
  (s) =>
    /\b(kajdyy raz|pri kajdom|har safar|every time|whenever)\b/.test(s) &&
    !/\b(seychas|pryamo|hozir|now)\b/.test(s),
  /\bstopped (leaking|dripping)\b/,
);

// Sewage coming into a flat (a blocked drain or a basement leak stays urgent).
const SEWAGE_INTO_FLAT = any(
  /\b(unitaz|rakovin|vanna|vann|dush|trap|hojathona|hammom)\w*[^.!?]{0,50}\b(kaytib|toship|toshib|toshdi|toshyap|chikib kel|kotaril|lezet|podnima|vyhod|pereliv)/,
  /\b(kanalizatsiya|iflos suv|nechistot)\w*[^.!?]{0,40}\b(kaytib|kirib kel|kvartira|polga|pol |koridor|toship|toshib|kotaril|podnima|lezet|perelivaet)/,
  /\b(iflos suv|nechistot|kanalizatsi\w*|sewage)[^.!?]{0,30}\b(chikyap|kelyap|idet|vyhodit)[^.!?]{0,30}\b(pol|kvartir|koridor|vann|flat|floor)/,
  /\bsewage\b( water)?( is)? (coming|backing|flowing|spreading) (up|out|into|through|in)\b/,
  /\b(toilet|drain|bathtub|shower)\w*[^.!?]{0,40}\b(overflow|backing up)/,
  /\bbacking up\b[^.!?]{0,30}\b(bath|toilet|sink|shower)/,
);

const SEWAGE_HELD = (s: string) =>
  /\b(toshmay|toshgani yok|chikmadi|ne pereliva|not overflowing)/.test(s) ||
  // The smell is what comes in ("sewage smell is coming into the flat"), not the sewage.
  /\b(smell|hid|zapah|von)\w*( is)?[^.!?]{0,10}\b(coming|backing|kirib kel|kelyap|idet|into)/.test(s) ||
  (/\b(kuduk|lyuk|lyug|manhole)/.test(s) &&
    !/\b(v kvartir|kvartiraga|uyga|into (the |our )?(flat|apartment))/.test(s));

// Sparks, smoke, burning, melting sockets, a bare wire by water.
const SPARKS = any(/\b(uchkun|iskr|spark)/);
const ELECTRIC_FIRE = any(
  // Wires left bare are urgent; bare with water on them, a fire risk now.
  (s) => /\b(sim|provod|kabel)\w* (ochik|yalangoch|yalongoch)/.test(s) && /\b(suv|vod|water)/.test(s),
  /\b(rozetk|shitok|shchitok|shit|shchit|elektroshit|elektrosh|provod|provodk|sim|kabel|lyustr|patron|vyklyuchatel|hisoblagich|elektroschyotchik|elektroschetchik|elektr|switch|socket|outlet|wiring|wire|panel|junction box)\w*[^.!?]{0,40}\b(tutun|tuta|olov|dym|smok|gorit|kuy|yonyap|yonayap|yonib ket|erib|eriy|plavi|burning|scorch|charred|melt|chirsill|crackl|tresk|vspysh|portla|flames|fire)/,
  /\b(tutun|dym|smok|kuygan hid|gari|palyon|palen|burning smell|burnt smell|smells burnt|burnt plastic)\w*[^.!?]{0,40}\b(rozetk|shitok|shchitok|shit|shchit|elektroshit|provod|provodk|sim|kabel|lyustr|patron|hisoblagich|schyotchik|schetchik|switch|socket|outlet|wiring|panel|meter)/,
  // Folded text spells "exposed" as "ehposed" (x is read as the Uzbek h).
  /\b(ochik sim|ogol\w* (provod|kabel)|bare wire|ehposed wire|wires ehposed)/,
  // A wire down in water: "sim ko'lmak ustiga tushib yotibdi", "кабель прямо в воде".
  /\b(sim|provod|kabel|wire|cable)\w*[^.!?]{0,40}\b(suvda|suv ustiga|kolmak|v vode|in (the )?water|in a puddle)/,
  /\bgorit provodk/,
);

// Smoke or fire in the rubbish chute.
const CHUTE = any(
  /\b(musoroprovod|musoropravod|musor provod|musorokamer|musor kamer|ahlat kuvur|ahlat kamer|chute)/,
);
// Rubbish burning in a container by the building: the training's writers label it as the chute's fire.
const RUBBISH_BURNING = any(
  /\b(konteyner|container|bin|musor|ahlat|chikindi)\w*[^.!?]{0,30}\b(gorit|goryat|yonyap|yonayap|yonib tur|on fire|burning)/,
  /\b(gorit|goryat|burning)\w*[^.!?]{0,15}\b(musor|ahlat|konteyner|container|bin)/,
);
// Told as over and dealt with: "вчера искрила, электрик поменял", "it's out now". "Again", or the
// fire said in the present ("искрит", "chiqyapti", "is sparking"), keeps it live.
const FIRE_NOW =
  /\b(iskrit|iskryat|gorit|goryat|dymit|dymyat|idet dym|valit dym|chikyap|chikayap|chikaryap|yonyap|yonayap|tutayap|sparking|smoking|burning|on fire)/;
const RESOLVED = (s: string) =>
  !FIRE_NOW.test(s) &&
  /\b(kecha|otgan hafta|vchera|na proshl\w* nedel|yesterday|last (week|night))\b/.test(s) &&
  /\b(tuzat|almashtir|ochirish|ochirdik|pomenyal|zamenil|pochinil|potushil|zalil|fixed|replaced|repaired|taped|put (it )?out|its out|it s out|is out now)/.test(
    s,
  ) &&
  !/\b(yana|opyat|snova|again|hali ham|hozir ham|vsyo eshe|vse eshe|still)\b/.test(s);
const FIRE = any(
  /(?<!ne )\b(tutun|dym|smoke|yongin|olov|gorit|goryat|plamya|yonib|yonayap|yonyap|burning|fire|flames)/,
);

// No heating while it freezes outside.
const NO_HEATING = any(
  /\b(isitish|otoplen|heating)\w*[^.!?]{0,30}\b(yok|ochib|ochdi|ishlamay|net|otklyuch|off|not working)/,
  /\b(otklyuchil|net|ne )\w*[^.!?]{0,10}\botoplen/,
  /\bne topyat\b/,
  /\bbatarey\w*[^.!?]{0,25}\b(sovuk|muzd|isimay|holodn|ledyan)/,
  /\bbatare\w*[^.!?]{0,25}\b(holodn|ledyan)/,
  /\bissik(lik)? yok/,
  /\bradiators?[^.!?]{0,25}\b(cold|off)/,
  /\bno heat(ing)?\b/,
  /\b(isitish|otoplen)\w*[^.!?]{0,30}\b(berilma|bermay|kelmay)/,
  /\bbatare\w*[^.!?]{0,60}\b(holodn|ledyan)/,
  // Barely warm in frost is as good as none ("батареи еле тёплые", "zo'rg'a iliq", "barely warm").
  /\b(ele|edva|chut|ele-ele)\s+(tyopl|tepl|greyut|greet)/,
  /\bzorga (ilik|isiy)/,
  /\b(barely|hardly) warm\b|\blukewarm\b/,
);
const FREEZING = any(
  /\bminus\b/,
  /(^|[\s,(])-\s?\d{1,2}\b/,
  /\b(ayoz|kahraton|chilla|moroz|morozy|below zero|sub-zero|snow\w*|kor yog|kor yok)/,
  /\bfreezing outside\b/,
);

// Something falling, or about to, from the building onto a path: icicles, cladding, balcony pieces.
const ICICLES = any(/\b(sosulk|sumalak|icicle)/);
const PIECES_FALLING = any(
  /\b(plitk|plita|beton|oblitsovk|kusok|kuski|bolak|tiles?|cladding|pieces|kozyr|soyabon|panjara|railing|utepl|sheet|shifer|list|tunuka)\w*[^.!?]{0,50}\b(tushyap|tushdi|kuchib|uchib tush|kulab|otvalil|padayut|upal|sypetsya|obrushil|falling|fell|drop|hanging|osilib|visit|sorval)/,
  /\b(otvalil|upal|obrushil|sorval)\w*[^.!?]{0,40}\b(kusok|beton|oblitsovk|kozyr|balkon|plit)/,
);

// Denies the sparks only: "uchqun yo'q" with a melting socket is still a fire.
const NO_SPARKS = any(
  /\buchkun\w* (yok|ham hid ham yok)/,
  /\biskr\w* net/,
  /\bbez iskr/,
  /\bno (sparks?|smoke)\b/,
);

/** In order: the first that names a category decides it. */
export const EMERGENCY_RULES: readonly EmergencyRule[] = [
  {
    id: 'gas-smell',
    category: 'gas',
    matches: (s) => (GAS_SMELL(s) && !GAS_SMELL_DENIED(s)) || (HISSING(s) && GAS(s)) || GAS_PIPE_DAMAGED(s),
  },
  {
    id: 'chute-fire',
    category: 'cleaning_waste',
    matches: (s) => ((CHUTE(s) && FIRE(s)) || RUBBISH_BURNING(s)) && !RESOLVED(s),
  },
  {
    id: 'electric-fire',
    category: 'electricity',
    matches: (s) => ((SPARKS(s) && !NO_SPARKS(s)) || ELECTRIC_FIRE(s)) && !CHUTE(s) && !RESOLVED(s),
  },
  {
    id: 'people-in-lift',
    category: 'elevator',
    matches: (s) => LIFT(s) && PERSON_STUCK(s) && !NOBODY_INSIDE(s),
  },
  { id: 'sewage-into-flat', category: 'sewerage', matches: (s) => SEWAGE_INTO_FLAT(s) && !SEWAGE_HELD(s) },
  { id: 'no-heating-in-frost', category: 'heating', matches: (s) => NO_HEATING(s) && FREEZING(s) },
  { id: 'water-flowing', matches: (s) => WATER_FLOWING(s) && !WATER_STOPPED(s) },
  { id: 'falling-over-path', matches: (s) => ICICLES(s) || PIECES_FALLING(s) },
];

/** The rules a text sets off, in the order of EMERGENCY_RULES. */
export function matchEmergencyRules(
  text: string,
  rules: readonly EmergencyRule[] = EMERGENCY_RULES,
): EmergencyRule[] {
  const folded = foldedText(text);
  return rules.filter((r) => r.matches(folded));
}

export interface ClassifiedText {
  classification: Classification;
  text: string;
}

export interface TriageDecision {
  language: Scored<RequestLanguage>;
  category: Scored<DispatchCategory>;
  urgency: Scored<Urgency>;
  /** The model's best categories, for a dispatcher who confirms. */
  suggestions: Scored<DispatchCategory>[];
  /** The emergency rule that raised the urgency, if one did. */
  rule: string | null;
  /** The category or the urgency is less certain than the policy accepts: a dispatcher confirms. */
  needsConfirmation: boolean;
}

/** The model's answer, then the rules: a rule may raise the urgency (and name the category), never lower it. */
export function triage(classification: Classification, text: string, policy: TriagePolicy): TriageDecision {
  const hits = matchEmergencyRules(text);
  let category = classification.category;
  let urgency = classification.urgency;
  const rule = hits[0];
  if (rule) {
    // A rule is certain: it names the emergency, and the category when it knows one.
    const named = hits.find((h) => h.category !== undefined)?.category;
    if (named !== undefined) category = { value: named, confidence: 1 };
    urgency = { value: 'emergency', confidence: 1 };
  }
  return {
    language: classification.language,
    category,
    urgency,
    suggestions: classification.categoryTop,
    rule: rule?.id ?? null,
    needsConfirmation: category.confidence < policy.confirmBelow || urgency.confidence < policy.confirmBelow,
  };
}

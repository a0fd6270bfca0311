import { describe, expect, it } from 'vitest';
import { EMERGENCY_RULES, matchEmergencyRules, triage } from './emergency-rules.ts';
import type { Classification, DispatchCategory, Urgency } from './triage.ts';
import { DEFAULT_TRIAGE_POLICY } from './triage-policy.ts';

// Each situation of the labelling rules, said in Uzbek Latin, Uzbek Cyrillic, Russian and English,
// worded here for the test (none is copied from the dataset).
const EMERGENCIES: [rule: string, category: DispatchCategory | undefined, texts: string[]][] = [
  [
    'gas-smell',
    'gas',
    [
      'zinapoyada gaz hidi juda kuchli, 3-qavatda',
      'ошхонада газ ҳиди келяпти, плита ўчиқ',
      'на площадке сильно пахнет газом',
      'there is a smell of gas in the hallway',
      'gaz quvuridan vishillagan ovoz eshitilyapti',
      'у газового крана что-то шипит',
      'yard gas pipe was hit by a truck and is bent',
      // The smell named first, or only likened to gas; a hiss by the stove; a split stove hose.
      "podvalda hid bor, bilmadim gazmi yo'qmi",
      'ертўлада ҳид келяпти, газга ўхшайди',
      'на лестнице пахнет чем-то вроде газа',
      'у плиты шипит шланг',
      "gaz shlangi yorilib ketibdi, plitani o'chirdik",
      'the hose behind the stove is hissing',
    ],
  ],
  [
    'people-in-lift',
    'elevator',
    [
      "liftda bolam qolib ketdi, 5-qavatda to'xtadi",
      'лифтда қўшним қолиб кетди, эшик очилмаяпти',
      'застряли в лифте между 4 и 5 этажом',
      'my husband is stuck in the elevator on floor 7',
      "lift to'xtadi, ichidagi ayol chiqolmayapti",
      'лифт тўхтаб қолди, онам ичида, телефон қилди',
      'лифт встал между этажами, кричит женщина из кабины',
      'a courier is trapped in the elevator between floors',
    ],
  ],
  [
    'sewage-into-flat',
    'sewerage',
    [
      'unitazdan kanalizatsiya qaytib chiqyapti, pol iflos',
      'ваннадан ифлос сув кўтарилиб чиқяпти',
      'из унитаза поднимаются нечистоты на пол',
      'sewage is coming up through the bathtub drain',
      // A bad smell said alongside does not hold the flood back.
      'sewage is coming up through the shower drain and the smell is unbearable',
    ],
  ],
  [
    'electric-fire',
    'electricity',
    [
      'rozetkadan uchqun chiqyapti',
      'щитокдан тутун чиқяпти',
      'в щитке искрит и пахнет гарью',
      'the socket in the kitchen is sparking',
      'подвалда очиқ сим сувда ётибди',
      'hisoblagich qutisidan tutun chiqyapti',
      'подвалда сим узилиб, кўлмак ичида ётибди',
      'из электрощитовой валит дым',
      // No sparks, but melting: still a fire.
      'розетка плавится, искр нет, но пахнет гарью',
      'the outlet behind the fridge is smoking',
      'water is dripping onto exposed wires on the landing',
      'kecha tuzatishdi, lekin rozetka yana uchqun chiqaryapti',
      // Something fixed yesterday, and a fire now.
      'вчера соседи залили, а теперь проводка искрит',
      'kecha elektrik tuzatdi, bugun boshqa rozetkadan uchqun chiqyapti',
      'the electrician fixed it yesterday but now the socket is sparking',
    ],
  ],
  [
    'chute-fire',
    'cleaning_waste',
    [
      'musoroprovoddan tutun chiqyapti',
      'ахлат қувуридан тутун чиқяпти',
      'в мусоропроводе горит, дым на лестнице',
      'smoke is coming out of the rubbish chute',
      'hovlidagi konteynerda axlat yonyapti',
      'ахлат камерасида олов, тутун чиқяпти',
      'во дворе горит мусорный бак',
      'the rubbish bin next to our entrance is on fire',
    ],
  ],
  [
    'no-heating-in-frost',
    'heating',
    [
      'tashqarida minus 10, isitish yoʻq',
      'ташқарида аёз, батареялар муздек',
      'на улице мороз, отопления нет второй день',
      "it's minus 8 outside and the radiators are cold",
      // Barely warm, or not given, in frost.
      "tashqarida minus 6, batareyalar zo'rg'a iliq",
      'аёз, лекин иситиш берилмаяпти',
      'на улице мороз, а батареи еле тёплые',
      "it's freezing outside, minus 9, and the radiators are barely warm",
    ],
  ],
  [
    'water-flowing',
    undefined,
    [
      'vannada truba yorildi, suv otilib chiqyapti',
      'ошхонада труба ёрилиб кетди, сув шариллаб оқяпти',
      'прорвало трубу, вода хлещет на пол',
      'water is pouring through the bathroom ceiling',
      // From the ceiling or upstairs, now; a burst hose; nobody can shut it off.
      'shiftdan suv oqyapti, tepadagilar eshik ochmayapti',
      'тепадан сув оқиб тушяпти, ошхона ҳўл',
      'с потолка в коридоре течёт вода',
      'лопнул шланг от стиралки',
      'water is running down the kitchen wall from upstairs',
      'the basement is flooded',
      'перекрыть воду не можем, кран не поворачивается',
    ],
  ],
  [
    'falling-over-path',
    undefined,
    [
      'kirish ustida katta sumalaklar osilib turibdi',
      'фасаддан плиткалар кўчиб тушяпти, пастда йўлак',
      'над входом висят огромные сосульки',
      'pieces of cladding are falling onto the sidewalk',
    ],
  ],
];

// Near misses the labelling rules keep below emergency.
const NOT_EMERGENCIES = [
  "gaz bosimi past, hid yo'q",
  'газ еле горит, запаха нет',
  'no gas smell, but the pressure is low on the whole riser',
  "lift ishlamayapti, ichida hech kim yo'q",
  'лифт стоит, внутри никого',
  'the lift is not working, nobody inside',
  'lift ishlamayapti, kalitim uyda qolib ketdi, zinadan chiqdim',
  'лифт стоит третий день, застряли на 9 этаже без лифта пенсионеры',
  "kran sekin tomchilayapti, tagiga tog'ora qo'ydik",
  'под раковиной капает, не хлещет',
  'the tap drips a little',
  'унитаз засорился, не переливается пока',
  'toilet is clogged but not overflowing',
  'isitish mavsumi qachon boshlanadi?',
  'когда дадут отопление?',
  'rozetka ishlamayapti, uchqun ham hid ham yoʻq',
  "to'lib-toshib ketgan axlat konteynerlari",
  'please tell me the fee for a new intercom key',
  // Said to be absent, over and dealt with, or about the lift alone.
  'запаха газа нет, но конфорка плохо горит',
  'газом не пахнет, просто колонка не включается',
  'gaz hisoblagichini tekshirish qachon? hid sezmayapmiz',
  'the elevator got stuck on the 3rd floor this morning, it is running again',
  'лифт застрял на 8 этаже, пустой',
  "lift yarim soat to'xtab turdi, hozir yuryapti",
  'вчера в щитке искрило, электрик всё заменил, спасибо',
  'kecha rozetkadan uchqun chiqqan edi, usta almashtirib ketdi',
  'кеча розеткадан учқун чиққан эди, электрик тузатди',
  'last night the switch sparked, the electrician replaced it this morning',
  'the elevator button panel is burnt out',
  "provod ochiq qolgan, yopib qo'ying",
  'yesterday smoke came out of the chute, the fire brigade put it out, please clean the soot',
  'кеча ахлат қувурида ёнғин бўлган, ўчиришган, энди ҳиди қолди',
  'контейнеры переполнены, мусор горой',
  'на улице +12, батареи еле тёплые',
  'shiftdan suv tomyapti, sekin',
  'с потолка капает, подставили таз',
  'крыша течёт при каждом дожде, сейчас сухо',
  "yomg'ir suvi devorga oqyapti, vodostok singan",
  'пружина на двери лопнула',
  'the basement was flooded last spring, can you check the walls for mould',
  'a sewage smell is coming into our flat from the basement',
  'ҳовлидаги қудуқдан ифлос сув тошиб ётибди',
];

function classification(category: DispatchCategory, urgency: Urgency, confidence = 0.9): Classification {
  return {
    language: { value: 'en', confidence: 0.99 },
    category: { value: category, confidence },
    urgency: { value: urgency, confidence },
    categoryTop: [{ value: category, confidence }],
  };
}

describe('emergency rules', () => {
  for (const [rule, category, texts] of EMERGENCIES) {
    for (const text of texts) {
      it(`${rule}: "${text}"`, () => {
        const hits = matchEmergencyRules(text).map((r) => r.id);
        expect(hits).toContain(rule);
        const decided = triage(classification('other', 'routine'), text, DEFAULT_TRIAGE_POLICY);
        expect(decided.urgency.value).toBe('emergency');
        expect(decided.rule).not.toBeNull();
        if (category) expect(decided.category.value).toBe(category);
      });
    }
  }

  for (const text of NOT_EMERGENCIES) {
    it(`fires on no near miss: "${text}"`, () => {
      expect(matchEmergencyRules(text).map((r) => r.id)).toEqual([]);
      const decided = triage(classification('gas', 'urgent'), text, DEFAULT_TRIAGE_POLICY);
      expect(decided.urgency).toEqual({ value: 'urgent', confidence: 0.9 });
      expect(decided.rule).toBeNull();
    });
  }

  it('never lowers the urgency: a model emergency stays one whatever the rules say', () => {
    for (const text of [...NOT_EMERGENCIES, ...EMERGENCIES.flatMap(([, , t]) => t)]) {
      for (const category of ['water_leak', 'gas', 'other'] as const) {
        const decided = triage(classification(category, 'emergency', 0.95), text, DEFAULT_TRIAGE_POLICY);
        expect(decided.urgency.value).toBe('emergency');
        expect(decided.urgency.confidence).toBeGreaterThanOrEqual(0.95);
      }
    }
  });

  it('a gas smell anywhere in a message with another problem makes it gas', () => {
    const text = 'vannada kran oqyapti, yana oshxonada gaz hidi bor';
    const decided = triage(classification('water_leak', 'urgent'), text, DEFAULT_TRIAGE_POLICY);
    expect(decided.category.value).toBe('gas');
    expect(decided.rule).toBe('gas-smell');
    expect(decided.suggestions[0]?.value).toBe('water_leak');
  });

  it("a rule that names no category keeps the model's", () => {
    const decided = triage(
      classification('roof', 'urgent'),
      'rain is pouring through the ceiling',
      DEFAULT_TRIAGE_POLICY,
    );
    expect(decided.category.value).toBe('roof');
    expect(decided.urgency.value).toBe('emergency');
  });

  it('asks a dispatcher when the category or the urgency is below the threshold', () => {
    const text = 'something odd near the entrance';
    const sure = triage(classification('yard', 'routine', 0.9), text, { confirmBelow: 0.6 });
    const unsure = triage(classification('yard', 'routine', 0.4), text, { confirmBelow: 0.6 });
    expect(sure.needsConfirmation).toBe(false);
    expect(unsure.needsConfirmation).toBe(true);
    const lowUrgency: Classification = {
      ...classification('yard', 'routine', 0.9),
      urgency: { value: 'routine', confidence: 0.3 },
    };
    expect(triage(lowUrgency, text, { confirmBelow: 0.6 }).needsConfirmation).toBe(true);
    expect(triage(lowUrgency, text, { confirmBelow: 0.2 }).needsConfirmation).toBe(false);
  });

  it('every rule has an id of its own', () => {
    const ids = EMERGENCY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(EMERGENCIES.map(([id]) => id))).toEqual(new Set(ids));
  });
});

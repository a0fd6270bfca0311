// Name material for synthetic residents of Tashkent. Uzbek names are in Latin script with the
// patronymic "o'g'li"/"qizi" as in official documents; Russian names are in Cyrillic, as Russian
// speakers write them, with a Latin form for e-mail addresses.

/** Uzbek surnames in the male form; the female form adds "a" (Karimov → Karimova). */
export const UZ_SURNAMES = [
  'Karimov',
  'Rahimov',
  'Yusupov',
  'Aliyev',
  'Toshmatov',
  'Abdullayev',
  'Ismoilov',
  'Qodirov',
  'Sodiqov',
  'Mirzayev',
  'Nazarov',
  'Ergashev',
  'Hasanov',
  'Xolmatov',
  'Umarov',
  'Saidov',
  'Rashidov',
  'Tursunov',
  "Yo'ldoshev",
  'Normatov',
  "Jo'rayev",
  'Ahmedov',
  'Sultonov',
  'Usmonov',
  'Fayzullayev',
  'Bakirov',
  'Zokirov',
  'Ibragimov',
  'Nurmatov',
  'Olimov',
  'Qosimov',
  'Sharipov',
  'Haydarov',
  'Murodov',
  "G'aniyev",
  'Ortiqov',
  'Salimov',
  'Valiyev',
  'Xudoyberdiyev',
  'Mahmudov',
] as const;

export const UZ_MALE = [
  'Aziz',
  'Bekzod',
  'Jasur',
  'Sardor',
  'Otabek',
  'Rustam',
  'Dilshod',
  'Sherzod',
  'Farrux',
  "Ulug'bek",
  'Nodir',
  'Javlon',
  'Shoxrux',
  'Akmal',
  'Anvar',
  'Bahodir',
  'Doniyor',
  'Eldor',
  'Ilhom',
  'Islom',
  'Jamshid',
  'Kamol',
  'Laziz',
  'Mansur',
  'Murod',
  'Nurbek',
  'Oybek',
  'Ravshan',
  'Sanjar',
  'Temur',
  'Umid',
  'Xurshid',
  'Zafar',
  'Abbos',
  'Behruz',
  'Baxtiyor',
  'Alisher',
  'Husan',
  'Komil',
  'Sarvar',
] as const;

export const UZ_FEMALE = [
  'Dilnoza',
  'Gulnora',
  'Malika',
  'Nilufar',
  'Shahnoza',
  'Zarina',
  'Madina',
  'Feruza',
  'Kamola',
  'Mohira',
  'Nodira',
  'Sevara',
  'Umida',
  'Yulduz',
  'Zilola',
  'Barno',
  'Dildora',
  'Gulchehra',
  'Laylo',
  'Munisa',
  'Nargiza',
  'Oygul',
  'Rayhona',
  'Sabina',
  'Shoira',
  'Diyora',
  'Maftuna',
  'Saodat',
  'Hilola',
] as const;

/** [Cyrillic, Latin] pairs; surnames in the male form, the female form adds "а"/"a". */
type Pair = readonly [cyrillic: string, latin: string];

export const RU_SURNAMES: readonly Pair[] = [
  ['Иванов', 'Ivanov'],
  ['Петров', 'Petrov'],
  ['Смирнов', 'Smirnov'],
  ['Кузнецов', 'Kuznetsov'],
  ['Попов', 'Popov'],
  ['Соколов', 'Sokolov'],
  ['Лебедев', 'Lebedev'],
  ['Козлов', 'Kozlov'],
  ['Новиков', 'Novikov'],
  ['Морозов', 'Morozov'],
  ['Волков', 'Volkov'],
  ['Павлов', 'Pavlov'],
  ['Семёнов', 'Semyonov'],
  ['Егоров', 'Yegorov'],
  ['Ким', 'Kim'],
  ['Пак', 'Pak'],
  ['Цой', 'Tsoy'],
];

export const RU_MALE: readonly Pair[] = [
  ['Сергей', 'Sergey'],
  ['Алексей', 'Aleksey'],
  ['Дмитрий', 'Dmitriy'],
  ['Андрей', 'Andrey'],
  ['Владимир', 'Vladimir'],
  ['Игорь', 'Igor'],
  ['Олег', 'Oleg'],
  ['Николай', 'Nikolay'],
  ['Виктор', 'Viktor'],
  ['Евгений', 'Yevgeniy'],
  ['Павел', 'Pavel'],
  ['Михаил', 'Mikhail'],
];

export const RU_FEMALE: readonly Pair[] = [
  ['Елена', 'Yelena'],
  ['Ольга', 'Olga'],
  ['Наталья', 'Natalya'],
  ['Татьяна', 'Tatyana'],
  ['Ирина', 'Irina'],
  ['Светлана', 'Svetlana'],
  ['Анна', 'Anna'],
  ['Марина', 'Marina'],
  ['Людмила', 'Lyudmila'],
  ['Юлия', 'Yuliya'],
  ['Галина', 'Galina'],
  ['Екатерина', 'Yekaterina'],
];

/** Russian patronymic from a father's Cyrillic first name: Сергей → Сергеевич / Сергеевна. */
export function ruPatronymic(father: string, female: boolean): string {
  const special: Record<string, [string, string]> = {
    Игорь: ['Игоревич', 'Игоревна'],
    Николай: ['Николаевич', 'Николаевна'],
    Михаил: ['Михайлович', 'Михайловна'],
    Павел: ['Павлович', 'Павловна'],
  };
  const s = special[father];
  if (s) return female ? s[1] : s[0];
  if (father.endsWith('й')) return father.slice(0, -1) + (female ? 'евна' : 'евич');
  return father + (female ? 'овна' : 'ович');
}

/** Surnames without a gendered ending (Korean surnames of Tashkent) stay as they are. */
export function femaleSurname(male: string): string {
  if (/(ov|ev)$/.test(male)) return `${male}a`;
  if (/(ов|ев|ёв|ин)$/.test(male)) return `${male}а`;
  return male;
}

/** Latin letters and digits only, for e-mail local parts. */
export function asciiSlug(s: string): string {
  return s
    .toLowerCase()
    .replace(/['ʻʼ`]/g, '')
    .replace(/[^a-z0-9]+/g, '');
}

export const EMAIL_DOMAINS = ['mail.uz', 'gmail.com', 'mail.ru', 'inbox.uz', 'yandex.ru'] as const;
export const MOBILE_CODES = ['90', '91', '93', '94', '95', '97', '98', '99', '33', '88', '77'] as const;

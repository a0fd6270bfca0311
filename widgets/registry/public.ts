// What other capabilities' widgets may use of the registry's: the names of a building's elements
// and systems in the reader's language, for reports on completed work that name what was repaired.
import type { Language } from '../../domain/common/language.ts';
import type { BuildingElement } from '../../domain/registry/public.ts';
import { translate } from '../core/i18n.ts';
import { elementKey, elementMessages } from './element-messages.ts';

export const elementName = (lang: Language, element: BuildingElement): string =>
  translate(elementMessages, lang, elementKey(element));

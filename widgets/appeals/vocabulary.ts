// The appeals vocabulary lives in the domain, where the API's CSV export and the mail read it too.
export { appealVocabulary, TIMELINE_ACTIONS, type TimelineAction } from '../../domain/appeals/vocabulary.ts';

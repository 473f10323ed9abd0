export * from './bibliography-reader';
export * from './citation-resolver';
export * from './course-reader';
export * from './course-source';
export * from './item-writing';
export * from './problem-codes';
export * from './translation-reader';
export * from './translation-source';

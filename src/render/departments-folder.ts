/** The folder of templates/ that holds one folder per department (see template-set.ts). Its own module: the build's input hash needs the name without loading the templates' code. */
export const DEPARTMENTS_DIR = 'departments';

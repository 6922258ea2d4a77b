/**
 * Testing Library's waits (findBy…, waitFor) give up after 1 s by default: on a shared machine
 * under load a first render of Home in jsdom alone can take 3 s, so that default is a timed
 * assertion in disguise. A wait here only says "this never happened": 10 s, far past slow, is
 * when something is broken. Races are fixed where they are (see BrowseFlow's manual clock), not
 * here; how fast things are is the bench's to say.
 */
import { configure } from '@testing-library/dom';

configure({ asyncUtilTimeout: 10_000 });

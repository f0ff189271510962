import * as data from "./generated/corpus-data.js";
import { createCorpus, type Corpus } from "./corpus.js";

/** The corpus shipped in this package, typed and indexed. */
export const corpus: Corpus = createCorpus(data);

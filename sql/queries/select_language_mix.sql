select lang, n_documents, share, mean_lang_prob from language_mix

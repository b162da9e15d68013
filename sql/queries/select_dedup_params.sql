select shingle_words, num_perm, bands, seed, hash_version from dedup_params

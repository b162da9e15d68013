"""Dedup stage: MinHash signatures, the band-key index and story-cluster membership."""

-- Stored band keys of documents up to $watermark: the band-key index must hold exactly as many.
select count(*) from lsh_bands where doc_seq <= $watermark

delete from coded_documents
where coder_version = $coder_version
  and doc_seq in (select doc_seq from batch_doc_seqs)

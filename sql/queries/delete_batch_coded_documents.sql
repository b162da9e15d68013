delete from coded_documents
where coder_version = $coder_version
  and doc_id in (select doc_id from batch_coded_documents)

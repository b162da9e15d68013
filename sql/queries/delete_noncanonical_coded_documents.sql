delete from coded_documents as k
where k.coder_version = $coder_version
  and not exists (
      select 1 from document_clusters as c where c.doc_id = k.doc_id and c.is_canonical
  )

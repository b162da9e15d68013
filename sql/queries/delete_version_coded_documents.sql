delete from coded_documents where coder_version = $coder_version

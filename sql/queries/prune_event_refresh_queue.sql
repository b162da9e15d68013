-- Queued changes that every rebuilt coder version has already consumed. A story change
-- (a row with doc_seq) also waits, on DuckLake, until every version's non-canonical check
-- has looked at it and no running lake run may still need it for its check
-- (event_refresh_holds; a run that ended or was abandoned holds nothing). A single file has
-- no check marks or holds.
delete from event_refresh_queue
where seq <= (select min(refreshed_through) from event_refresh_state)
  and (
      doc_seq is null
      or (
          seq <= coalesce(
              (select min(checked_through) from noncanonical_check_state),
              9223372036854775807
          )
          and seq <= coalesce(
              (
                  select min(h.held_after)
                  from event_refresh_holds as h
                  join runs as r on r.run_id = h.run_id
                  where r.status = 'running'
              ),
              9223372036854775807
          )
      )
  )

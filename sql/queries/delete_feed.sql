-- Forget a feed by URL or name; its entries and the documents they became stay.
delete from feeds where url = $key or name = $key returning url

-- Every posting updates its accounts' balances and its wallet's daily usage. Such an update
-- changes no indexed column, so PostgreSQL can keep the new row version on the same page
-- and add no index entry (a HOT update), but only when the page has room: packed full, about
-- half the updates moved their row to another page and inserted it into every index of the
-- table again. Pages of these two small, hot tables are filled to half from now on.
alter table accounts set (fillfactor = 50);
alter table daily_usage set (fillfactor = 50);

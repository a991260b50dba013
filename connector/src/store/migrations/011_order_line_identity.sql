-- An order line's identity is the ERP's order number and line within its source, whichever customer
-- key the export used. Keys were "o:<key kind>:<customer key>:<order#line>"; they become "o:<order#line>".
-- The same line stored twice under two customer keys is kept once (its first import).
delete from order_lines a
using order_lines b
where a.source = b.source
  and a.id > b.id
  and a.natural_key like 'o:%'
  and b.natural_key like 'o:%'
  and substr(a.natural_key, length(a.customer_key_kind) + length(a.customer_key) + 5)
    = substr(b.natural_key, length(b.customer_key_kind) + length(b.customer_key) + 5);

update order_lines
set natural_key = 'o:' || substr(natural_key, length(customer_key_kind) + length(customer_key) + 5)
where natural_key like 'o:%';

CREATE TABLE ${prefix}app_things (id INT PRIMARY KEY);

# only comments here


package com.example.ledger;

public class Main {
    public static void main(String[] args) {}
}

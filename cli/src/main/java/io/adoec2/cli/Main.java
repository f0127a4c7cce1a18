package io.adoec2.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("ado-ec2-lifecycle");
    }
}
